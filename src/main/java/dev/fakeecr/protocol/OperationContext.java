package dev.fakeecr.protocol;

import dev.fakeecr.registry.Registries;
import dev.fakeecr.registry.Registry;

/** Where an operation acts: the caller's scope, and the registries it can address. */
record OperationContext(RequestScope scope, Registries registries) {
    /** The registry {@code registryId} names, or the caller's own when it is null (cross-account calls). */
    Registry registry(String registryId) {
        return registries.registry(registryId != null ? registryId : scope.accountId(), scope.region());
    }
}
