package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One ECR operation: validates its input, applies the registry's rules, and builds its output shape. */
@FunctionalInterface
interface Operation {
    ObjectNode invoke(OperationContext context, JsonInput input);
}
