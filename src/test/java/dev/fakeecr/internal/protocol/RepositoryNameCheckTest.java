package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written repository name check against the model's regular expression, which stays its definition:
 * every string of up to six characters from the alphabet that matters, and random longer ones.
 */
class RepositoryNameCheckTest {
    private static final Pattern MODEL = Pattern.compile(Params.REPOSITORY_NAME_PATTERN);
    private static final char[] ALPHABET = {'a', '0', '.', '_', '-', '/', 'A', ' '};

    @Test
    void agreesWithTheModelsPatternOnEveryShortString() {
        int checked = 0;
        for (int length = 1; length <= 6; length++) {
            int[] digits = new int[length];
            do {
                StringBuilder name = new StringBuilder();
                for (int d : digits) {
                    name.append(ALPHABET[d]);
                }
                assertAgrees(name.toString());
                checked++;
            } while (next(digits));
        }
        assertThat(checked).isEqualTo(8 + 64 + 512 + 4096 + 32_768 + 262_144);
    }

    @Test
    void agreesWithTheModelsPatternOnRandomLongerStrings() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = 9 + random.nextInt(40);
            for (int c = 0; c < length; c++) {
                // mostly letters, so that long valid names are common too
                name.append(random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : 'b');
            }
            assertAgrees(name.toString());
        }
    }

    @Test
    void knownNames() {
        assertThat(Params.isRepositoryName("team/app-1")).isTrue();
        assertThat(Params.isRepositoryName("a__b/c---d.e_f")).isTrue();
        assertThat(Params.isRepositoryName("a___b")).isFalse();
        assertThat(Params.isRepositoryName("a._b")).isFalse();
        assertThat(Params.isRepositoryName("a//b")).isFalse();
        assertThat(Params.isRepositoryName("a/")).isFalse();
        assertThat(Params.isRepositoryName("-a")).isFalse();
        assertThat(Params.isRepositoryName("")).isFalse();
        assertThat(Params.isRepositoryName("App")).isFalse();
    }

    private static void assertAgrees(String name) {
        assertThat(Params.isRepositoryName(name)).as(name).isEqualTo(MODEL.matcher(name).matches());
    }

    /** The next combination, as an odometer over the alphabet; false after the last. */
    private static boolean next(int[] digits) {
        for (int i = digits.length - 1; i >= 0; i--) {
            if (++digits[i] < ALPHABET.length) {
                return true;
            }
            digits[i] = 0;
        }
        return false;
    }
}
