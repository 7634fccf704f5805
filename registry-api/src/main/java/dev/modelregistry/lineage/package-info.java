/**
 * Lineage: where a version came from. For now the code it was built from ({@link dev.modelregistry.lineage.CodeVersion}),
 * as captured from a working directory's {@code .git} and from CI variables.
 */
package dev.modelregistry.lineage;
