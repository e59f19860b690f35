package dev.fakeecr.internal.registry;

/**
 * Where a pushed image's copy to one destination stands (DescribeImageReplicationStatus).
 *
 * @param destination the destination registry
 * @param status {@code IN_PROGRESS}, {@code COMPLETE} or {@code FAILED}
 * @param failureCode why it failed, or null
 */
public record ReplicationStatus(ReplicationConfiguration.Destination destination, String status, String failureCode) {}
