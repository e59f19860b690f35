package dev.fakeecr.internal.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A registry's managed signing configuration (PutSigningConfiguration): rules, each signing pushes to the
 * repositories its wildcard filters match (all when it has none) with a signing profile.
 *
 * @param rules the rules, in the order given
 */
public record SigningConfiguration(List<Rule> rules) {
    /**
     * One rule.
     *
     * @param signingProfileArn the AWS Signer profile
     * @param filters {@code WILDCARD_MATCH} filters; empty for every repository
     */
    public record Rule(String signingProfileArn, List<String> filters) {
        /**
         * Copies the filters.
         *
         * @param signingProfileArn the profile
         * @param filters the filters
         */
        public Rule {
            Objects.requireNonNull(signingProfileArn, "signingProfileArn");
            filters = List.copyOf(filters);
        }

        boolean matches(String repositoryName) {
            return filters.isEmpty()
                    || filters.stream().anyMatch(f -> ScanningConfiguration.wildcard(f).matcher(repositoryName).matches());
        }
    }

    /**
     * Copies the rules.
     *
     * @param rules the rules
     */
    public SigningConfiguration {
        rules = List.copyOf(rules);
    }

    /** The profiles a push to the repository is signed with, each once (a status is reported per profile). */
    List<String> profilesFor(String repositoryName) {
        Set<String> profiles = new LinkedHashSet<>();
        rules.stream().filter(r -> r.matches(repositoryName)).forEach(r -> profiles.add(r.signingProfileArn()));
        return List.copyOf(profiles);
    }
}
