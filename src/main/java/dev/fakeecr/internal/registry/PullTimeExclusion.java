package dev.fakeecr.internal.registry;

import java.time.Instant;

/**
 * A principal whose pulls do not update {@code lastRecordedPullTime} (RegisterPullTimeUpdateExclusion).
 *
 * @param principalArn the IAM user or role
 * @param createdAt when it was registered
 */
public record PullTimeExclusion(String principalArn, Instant createdAt) {}
