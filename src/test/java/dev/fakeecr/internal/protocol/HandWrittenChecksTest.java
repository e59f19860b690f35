package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.internal.registry.Digests;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of the values every call carries (repository name, image tag, digest) against the
 * regular expressions that stay their definitions: every string of up to six (five) characters from the
 * alphabet that matters, and random longer ones.
 */
class HandWrittenChecksTest {
    private static final Pattern MODEL = Pattern.compile(Params.REPOSITORY_NAME_PATTERN);
    private static final char[] ALPHABET = {'a', '0', '.', '_', '-', '/', 'A', ' '};

    @Test
    void agreesWithTheModelsPatternOnEveryShortString() {
        int checked = everyString(ALPHABET, 6, HandWrittenChecksTest::assertAgrees);

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

    private static final char[] TAG_AND_DIGEST_ALPHABET = {'a', 'Z', '0', 'f', 'g', '-', '_', '+', '.', ':', '<',
        '@', '/', ' ', '9'};
    private static final Pattern TAG = Pattern.compile(Params.IMAGE_TAG_PATTERN);
    private static final Pattern DIGEST = Pattern.compile(Digests.DIGEST_REGEX_TEXT);

    @Test
    void tagAndDigestChecksAgreeWithTheirPatternsOnEveryShortString() {
        int checked = everyString(TAG_AND_DIGEST_ALPHABET, 5, value -> {
            assertThat(Params.isImageTag(value)).as("tag %s", value).isEqualTo(TAG.matcher(value).matches());
            assertThat(Digests.isWellFormed(value)).as("digest %s", value).isEqualTo(DIGEST.matcher(value).matches());
        });

        assertThat(checked).isEqualTo(15 + 225 + 3375 + 50_625 + 759_375);
        assertThat(Params.isImageTag("")).isFalse();
        assertThat(Digests.isWellFormed("sha256:" + "0123456789abcdef".repeat(4))).isTrue();
    }

    private static void assertAgrees(String name) {
        assertThat(Params.isRepositoryName(name)).as(name).isEqualTo(MODEL.matcher(name).matches());
    }

    /** Gives {@code check} every string of 1 to {@code maxLength} characters of {@code alphabet}; how many. */
    private static int everyString(char[] alphabet, int maxLength, java.util.function.Consumer<String> check) {
        int checked = 0;
        for (int length = 1; length <= maxLength; length++) {
            int[] digits = new int[length];
            do {
                StringBuilder text = new StringBuilder();
                for (int d : digits) {
                    text.append(alphabet[d]);
                }
                check.accept(text.toString());
                checked++;
            } while (next(digits, alphabet.length));
        }
        return checked;
    }

    /** The next combination, as an odometer over the alphabet; false after the last. */
    private static boolean next(int[] digits, int base) {
        for (int i = digits.length - 1; i >= 0; i--) {
            if (++digits[i] < base) {
                return true;
            }
            digits[i] = 0;
        }
        return false;
    }
}
