package dev.fakeecr.internal.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy document as its repository holds it.
 *
 * @param text the document, exactly as it was set
 * @param lastEvaluatedAt when ECR last evaluated the policy's rules (lifecycle policies; ECR reports the
 *     epoch until the policy has run), or null if it never ran
 */
public record StoredPolicy(String text, Instant lastEvaluatedAt) {
    /**
     * @param text the document, exactly as it was set
     * @param lastEvaluatedAt when its rules were last evaluated, or null
     */
    public StoredPolicy {
        Objects.requireNonNull(text, "text");
    }
}
