package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A registry's replication configuration (PutReplicationConfiguration): rules, each copying pushes to the
 * repositories its prefix filters match (all when it has none) to its destinations.
 *
 * @param rules the rules, in the order given
 */
public record ReplicationConfiguration(List<Rule> rules) {
    /** What DescribeRegistry reports for a registry that never had one put. */
    public static final ReplicationConfiguration NONE = new ReplicationConfiguration(List.of());
    /** The user guide: up to 25 unique destinations across all rules. */
    static final int MAX_DESTINATIONS = 25;

    /**
     * A registry of an account in a region.
     *
     * @param region the region
     * @param registryId the account
     */
    public record Destination(String region, String registryId) {
        /**
         * Both required.
         *
         * @param region the region
         * @param registryId the account
         */
        public Destination {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(registryId, "registryId");
        }
    }

    /**
     * One rule.
     *
     * @param destinations where matching pushes are copied
     * @param prefixFilters {@code PREFIX_MATCH} filters; empty for every repository
     */
    public record Rule(List<Destination> destinations, List<String> prefixFilters) {
        /**
         * Copies the lists.
         *
         * @param destinations the destinations
         * @param prefixFilters the filters
         */
        public Rule {
            destinations = List.copyOf(destinations);
            prefixFilters = List.copyOf(prefixFilters);
        }

        boolean matches(String repositoryName) {
            return prefixFilters.isEmpty() || prefixFilters.stream().anyMatch(repositoryName::startsWith);
        }
    }

    /**
     * Copies the rules.
     *
     * @param rules the rules
     */
    public ReplicationConfiguration {
        rules = List.copyOf(rules);
    }

    /**
     * ECR's rules across the configuration: no destination is the source registry itself ([infer] wording),
     * and at most {@link #MAX_DESTINATIONS} unique destinations.
     */
    ReplicationConfiguration checked(String accountId, String region) {
        Set<Destination> unique = new LinkedHashSet<>();
        for (Rule rule : rules) {
            for (Destination destination : rule.destinations()) {
                if (destination.region().equals(region) && destination.registryId().equals(accountId)) {
                    throw EcrError.invalidParameter("replicationConfiguration",
                            "Replication destination cannot be the source registry (region '" + region
                                    + "', registry '" + accountId + "')"); // [infer] wording
                }
                unique.add(destination);
            }
        }
        if (unique.size() > MAX_DESTINATIONS) {
            throw EcrError.invalidParameter("replicationConfiguration",
                    "The number of unique destinations must be less than or equal to " + MAX_DESTINATIONS); // [infer]
        }
        return this;
    }

    /**
     * Where a push to the repository goes: the destinations of every rule that matches it, each once.
     *
     * @param repositoryName the repository
     * @return the destinations, in rule order
     */
    public List<Destination> destinationsFor(String repositoryName) {
        if (rules.isEmpty()) { // asked on every push
            return List.of();
        }
        Set<Destination> destinations = new LinkedHashSet<>();
        rules.stream().filter(r -> r.matches(repositoryName)).forEach(r -> destinations.addAll(r.destinations()));
        return List.copyOf(destinations);
    }
}
