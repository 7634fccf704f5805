/**
 * Access control: {@link dev.modelregistry.access.Principal principals}, {@link dev.modelregistry.access.Role roles}
 * granted on a {@link dev.modelregistry.access.Scope scope}, the {@link dev.modelregistry.access.Action actions}
 * they allow, the {@link dev.modelregistry.access.AccessPolicy policy} that decides, and the
 * {@link dev.modelregistry.access.Access} concern that manages grants (docs/ACCESS.md). For users of the registry.
 */
package dev.modelregistry.access;
