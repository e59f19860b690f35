package dev.fakeecr.registry;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The AWS partition of a region, which decides the ARN prefix and the DNS suffix of ECR's URIs.
 *
 * @param name the partition's name, as ARNs show it: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param dnsSuffix the DNS suffix of its endpoints, e.g. {@code amazonaws.com}
 */
public record Partition(String name, String dnsSuffix) {
    private static final Partition AWS = new Partition("aws", "amazonaws.com");

    /** Region prefixes of every partition but {@code aws}; each ends in a dash, so no two overlap. */
    private static final Map<String, Partition> BY_REGION_PREFIX = Map.of(
            "cn-", new Partition("aws-cn", "amazonaws.com.cn"),
            "us-gov-", new Partition("aws-us-gov", "amazonaws.com"),
            "us-iso-", new Partition("aws-iso", "c2s.ic.gov"),
            "us-isob-", new Partition("aws-iso-b", "sc2s.sgov.gov"),
            "eu-isoe-", new Partition("aws-iso-e", "cloud.adc-e.uk"),
            "us-isof-", new Partition("aws-iso-f", "csp.hci.ic.gov"),
            "eusc-", new Partition("aws-eusc", "amazonaws.eu"));

    private static final Map<String, Partition> BY_NAME = Stream.concat(Stream.of(AWS), BY_REGION_PREFIX.values().stream())
            .collect(Collectors.toUnmodifiableMap(Partition::name, Function.identity()));

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
        for (Map.Entry<String, Partition> prefix : BY_REGION_PREFIX.entrySet()) {
            if (region.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return AWS;
    }

    /**
     * The partition with this name, as the field after {@code arn:} in an ARN gives it.
     *
     * @param name a partition's name, e.g. {@code aws-iso}
     * @return the partition, or empty if no partition has that name
     */
    public static Optional<Partition> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
