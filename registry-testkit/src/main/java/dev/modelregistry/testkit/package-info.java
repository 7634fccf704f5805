/**
 * Contract suites, written once and run by every implementation: {@link
 * dev.modelregistry.testkit.MetadataStoreContract} and {@link dev.modelregistry.testkit.ArtifactStoreContract}
 * for storage backends, {@link dev.modelregistry.testkit.RegistryContract} and {@link
 * dev.modelregistry.testkit.BadInputContract} for whole registries (each wiring: in memory, embedded,
 * PostgreSQL or MariaDB plus files), and {@link dev.modelregistry.testkit.Databases} for reaching the
 * database servers the tests run against. A backend's or wiring's test class extends a contract and
 * only says how to build what is under test; third parties may do the same for their own backends.
 */
package dev.modelregistry.testkit;
