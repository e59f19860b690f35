package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;

/** A snapshot of a repository, as DescribeRepositories shows it. */
public record RepositoryInfo(
        String registryId,
        String region,
        String name,
        Instant createdAt,
        TagMutability tagMutability,
        List<ExclusionFilter> exclusionFilters,
        boolean scanOnPush,
        String encryptionType,
        String kmsKey,
        List<ResourceTag> tags) {

    public RepositoryInfo {
        exclusionFilters = List.copyOf(exclusionFilters);
        tags = List.copyOf(tags);
    }

    /** {@code arn:aws:ecr:<region>:<account>:repository/<name>}, in the region's partition. */
    public String arn() {
        return "arn:" + Partition.of(region).name() + ":ecr:" + region + ":" + registryId + ":repository/" + name;
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}, in the region's partition. */
    public String uri() {
        return registryId + ".dkr.ecr." + region + "." + Partition.of(region).dnsSuffix() + "/" + name;
    }
}
