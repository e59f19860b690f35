package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.registry.Registries;
import dev.fakeecr.internal.registry.Registry;

/** Where an operation acts: the caller's scope, the registries it can address, and the host it called. */
record OperationContext(RequestScope scope, Registries registries, String host) {
    /** The registry {@code registryId} names, or the caller's own when it is null (cross-account calls). */
    Registry registry(String registryId) {
        return registries.registry(registryId != null ? registryId : scope.accountId(), scope.region());
    }
}
