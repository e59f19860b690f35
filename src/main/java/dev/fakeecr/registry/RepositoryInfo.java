package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a repository, as DescribeRepositories shows it.
 *
 * @param registryId the account that owns the repository
 * @param region the region it is in
 * @param name its name
 * @param createdAt when it was created
 * @param tagMutability its tag mutability
 * @param exclusionFilters the exclusion filters of its tag mutability (empty for modes without them)
 * @param scanOnPush whether images are scanned when they are pushed
 * @param encryptionType its encryption type: {@code AES256} unless it was created with another
 * @param kmsKey its KMS key: the one it was created with, the region's AWS-managed key for KMS encryption
 *     created without one, or null
 * @param tags its resource tags, in the order they were first set
 */
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

    /**
     * Copies both lists.
     *
     * @param registryId the account that owns the repository
     * @param region the region it is in
     * @param name its name
     * @param createdAt when it was created
     * @param tagMutability its tag mutability
     * @param exclusionFilters the exclusion filters of its tag mutability (empty for modes without them)
     * @param scanOnPush whether images are scanned when they are pushed
     * @param encryptionType its encryption type: {@code AES256} unless it was created with another
     * @param kmsKey its KMS key: the one it was created with, the region's AWS-managed key for KMS encryption
     *     created without one, or null
     * @param tags its resource tags, in the order they were first set
     */
    public RepositoryInfo {
        exclusionFilters = List.copyOf(exclusionFilters);
        tags = List.copyOf(tags);
    }

    /**
     * {@code arn:aws:ecr:<region>:<account>:repository/<name>}, in the region's partition.
     *
     * @return the repository's ARN
     */
    public String arn() {
        return "arn:" + Partition.of(region).name() + ":ecr:" + region + ":" + registryId + ":repository/" + name;
    }

    /**
     * {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}, in the region's partition.
     *
     * @return the repository's URI, as {@code docker push} takes it
     */
    public String uri() {
        return registryId + ".dkr.ecr." + region + "." + Partition.of(region).dnsSuffix() + "/" + name;
    }
}
