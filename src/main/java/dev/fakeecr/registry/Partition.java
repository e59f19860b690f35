package dev.fakeecr.registry;

/** The AWS partition of a region, which decides the ARN prefix and the DNS suffix of ECR's URIs. */
public record Partition(String name, String dnsSuffix) {
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
