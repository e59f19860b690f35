package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registry's scanning configuration (PutRegistryScanningConfiguration): the scan type and up to two rules,
 * each a scan frequency for the repositories its wildcard filters match.
 *
 * @param scanType {@code BASIC} or {@code ENHANCED}
 * @param rules the rules, in the order given
 */
public record ScanningConfiguration(String scanType, List<Rule> rules) {
    /** What GetRegistryScanningConfiguration reports for a registry that never had one put. */
    public static final ScanningConfiguration DEFAULT = new ScanningConfiguration("BASIC", List.of());

    /**
     * One rule.
     *
     * @param scanFrequency {@code SCAN_ON_PUSH}, {@code CONTINUOUS_SCAN} or {@code MANUAL}
     * @param filters the repository filters ({@code WILDCARD}: {@code *} matches any run of characters)
     */
    public record Rule(String scanFrequency, List<String> filters) {
        /**
         * Copies the filters.
         *
         * @param scanFrequency the frequency
         * @param filters the filters
         */
        public Rule {
            Objects.requireNonNull(scanFrequency, "scanFrequency");
            filters = List.copyOf(filters);
        }

        /** The filters of this rule that match the repository. */
        List<String> matching(String repositoryName) {
            return filters.stream().filter(f -> wildcard(f).matcher(repositoryName).matches()).toList();
        }
    }

    /**
     * Copies the rules.
     *
     * @param scanType the scan type
     * @param rules the rules
     */
    public ScanningConfiguration {
        Objects.requireNonNull(scanType, "scanType");
        rules = List.copyOf(rules);
    }

    /**
     * ECR's rule between the type and the frequencies: basic scanning scans on push or manually, never
     * continuously. [infer] wording.
     */
    ScanningConfiguration checked() {
        for (Rule rule : rules) {
            if ("BASIC".equals(scanType) && "CONTINUOUS_SCAN".equals(rule.scanFrequency())) {
                throw EcrError.invalidParameter("rules.member.scanFrequency",
                        "CONTINUOUS_SCAN is not supported for scan type BASIC"); // [infer] wording
            }
        }
        return this;
    }

    /**
     * How a repository is scanned under this configuration: the most frequent scanning of the rules whose
     * filters match it (continuous, then on push), or manual when none matches.
     *
     * @param repositoryName the repository
     * @return the frequency and the filters that gave it (none for manual)
     */
    Applied appliedTo(String repositoryName) {
        for (String frequency : List.of("CONTINUOUS_SCAN", "SCAN_ON_PUSH")) {
            Optional<Rule> rule = rules.stream()
                    .filter(r -> r.scanFrequency().equals(frequency) && !r.matching(repositoryName).isEmpty())
                    .findFirst();
            if (rule.isPresent()) {
                return new Applied(frequency, rule.get().matching(repositoryName));
            }
        }
        return new Applied("MANUAL", List.of());
    }

    /**
     * A repository's scanning as a configuration decides it.
     *
     * @param scanFrequency the frequency
     * @param filters the filters of the rule that matched
     */
    public record Applied(String scanFrequency, List<String> filters) {
        /**
         * Whether a push to the repository is scanned at once.
         *
         * @return true for scan on push and continuous scanning
         */
        public boolean scansOnPush() {
            return !"MANUAL".equals(scanFrequency);
        }
    }

    /** A {@code WILDCARD} filter: {@code *} matches any run of characters, everything else itself. */
    static Pattern wildcard(String filter) {
        List<String> parts = java.util.Arrays.stream(filter.split("\\*", -1)).map(Pattern::quote).toList();
        return Pattern.compile(String.join(".*", parts));
    }
}
