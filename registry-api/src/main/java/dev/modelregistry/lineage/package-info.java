/**
 * Lineage: where a version came from and what depends on it. A registration records the datasets
 * a version used ({@link dev.modelregistry.lineage.Dataset}), its code
 * ({@link dev.modelregistry.lineage.CodeVersion}), its run ({@link dev.modelregistry.lineage.TrainingRun}),
 * its parent versions ({@link dev.modelregistry.lineage.ParentModel}) and its environment
 * ({@link dev.modelregistry.lineage.Environment}); {@link dev.modelregistry.lineage.Lineages} walks
 * them upstream and downstream, answers impact queries, compares two versions and writes model cards
 * and pictures. Everything here is immutable and thread-safe.
 */
package dev.modelregistry.lineage;
