package dev.fakeecr.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExclusionFilterTest {
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "dev-*, dev-, true",
            "dev-*, dev-123, true",
            "dev-*, xdev-1, false",
            "*-rc, 1.0-rc, true",
            "*-rc, 1.0-rc1, false",
            "a*b*c, abc, true",
            "a*b*c, a-x-b-y-c, true",
            "a*b*c, a-x-c, false",
            "*, '', true",
            "v1.0, v1.0, true",
            "v1.0, v1x0, false",
            "**, anything, true",
    })
    void starMatchesAnyRunAndEverythingElseIsLiteral(String filter, String tag, boolean matches) {
        assertThat(ExclusionFilter.wildcard(filter).matches(tag)).isEqualTo(matches);
    }
}
