package dev.fakeecr.registry;

/**
 * The AWS partition of a region, which decides the ARN prefix and the DNS suffix of ECR's URIs.
 *
 * @param name the partition's name, as ARNs show it: {@code aws}, {@code aws-cn} or {@code aws-us-gov}
 * @param dnsSuffix the DNS suffix of its endpoints, e.g. {@code amazonaws.com}
 */
public record Partition(String name, String dnsSuffix) {
    /**
     * The partition of a region: {@code aws-cn} for {@code cn-*} regions, {@code aws-us-gov} for
     * {@code us-gov-*}, {@code aws} for every other.
     *
     * @param region a region, e.g. {@code eu-west-1}
     * @return its partition
     */
    public static Partition of(String region) {
        if (region.startsWith("cn-")) {
            return new Partition("aws-cn", "amazonaws.com.cn");
        }
        if (region.startsWith("us-gov-")) {
            return new Partition("aws-us-gov", "amazonaws.com");
        }
        return new Partition("aws", "amazonaws.com");
    }
}
