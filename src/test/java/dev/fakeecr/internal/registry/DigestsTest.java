package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestsTest {
    @Test
    void sha256OfUtf8BytesInLowercaseHex() {
        // sha256("abc"), from FIPS 180-2's test vectors.
        assertThat(Digests.of("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void whitespaceAndUnicodeCount() {
        assertThat(Digests.of("{\"a\":1}")).isNotEqualTo(Digests.of("{ \"a\": 1 }"));
        assertThat(Digests.of("é")).isEqualTo(Digests.of(new byte[] {(byte) 0xC3, (byte) 0xA9}));
    }

    @Test
    void wellFormedDigests() {
        assertThat(Digests.isWellFormed("sha256:AbC123")).isTrue();
        assertThat(Digests.isWellFormed("sha256:")).isFalse();
        assertThat(Digests.isWellFormed("abc")).isFalse();
    }
}
