package dev.fakeecr.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tagPatternList matching: anchored at both ends, case-sensitive, {@code *} any run of characters. */
class WildcardsTest {
    @ParameterizedTest
    @CsvSource({
            "prod*, prod, true", "prod*, production-team1, true", "prod*, my-prod, false",
            "*prod*, repo-production, true", "*prod*, prod-team, true", "*prod*, PROD, false",
            "release, release, true", "release, release-2, false", "a*a, a, false", "a*a, aa, true",
            "*, anything, true", "v*.*.*, v1.2.3, true", "v*.*.*, v1.2, false", "*-1, beta-1, true",
            "*test*1*2*3, mytest-1-2-3, true", "test*1*2*3*, test123, true", "a*b*a, aba, true", "a*b*a, ab, false"})
    void matches(String pattern, String tag, boolean expected) {
        assertThat(Wildcards.matches(pattern, tag)).isEqualTo(expected);
    }
}
