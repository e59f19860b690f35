package dev.fakeecr.registry;

/**
 * The AWS partition of a region, which decides the ARN prefix and the DNS suffix of ECR's URIs.
 *
 * @param name the partition's name, as ARNs show it: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param dnsSuffix the DNS suffix of its endpoints, e.g. {@code amazonaws.com}
 */
public record Partition(String name, String dnsSuffix) {
    /**
     * The partition of a region, by its prefix as AWS's partition table gives it: {@code cn-*} is
     * {@code aws-cn}, {@code us-gov-*} {@code aws-us-gov}, the isolated regions ({@code us-iso-*},
     * {@code us-isob-*}, {@code eu-isoe-*}, {@code us-isof-*}) their own {@code aws-iso*} partitions,
     * {@code eusc-*} {@code aws-eusc}, and every other region {@code aws}.
     *
     * @param region a region, e.g. {@code eu-west-1}
     * @return its partition
     */
    public static Partition of(String region) {
        // Longer prefixes first: us-isob- and us-isof- also start with us-iso.
        if (region.startsWith("cn-")) {
            return new Partition("aws-cn", "amazonaws.com.cn");
        }
        if (region.startsWith("us-gov-")) {
            return new Partition("aws-us-gov", "amazonaws.com");
        }
        if (region.startsWith("us-isob-")) {
            return new Partition("aws-iso-b", "sc2s.sgov.gov");
        }
        if (region.startsWith("us-isof-")) {
            return new Partition("aws-iso-f", "csp.hci.ic.gov");
        }
        if (region.startsWith("us-iso-")) {
            return new Partition("aws-iso", "c2s.ic.gov");
        }
        if (region.startsWith("eu-isoe-")) {
            return new Partition("aws-iso-e", "cloud.adc-e.uk");
        }
        if (region.startsWith("eusc-")) {
            return new Partition("aws-eusc", "amazonaws.eu");
        }
        return new Partition("aws", "amazonaws.com");
    }
}
