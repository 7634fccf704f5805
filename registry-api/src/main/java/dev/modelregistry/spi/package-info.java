/**
 * The storage SPI: what a metadata backend ({@link dev.modelregistry.spi.MetadataStore}) and an
 * artifact backend ({@link dev.modelregistry.spi.ArtifactStore}) implement. Backends validate
 * nothing the core already validates (names, paths, sizes) and never depend on the core.
 */
package dev.modelregistry.spi;
