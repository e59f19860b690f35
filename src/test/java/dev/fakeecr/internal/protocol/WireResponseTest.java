package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A fault rule's delay as both ways in wait it: in milliseconds, at most Integer.MAX_VALUE, whatever its length. */
class WireResponseTest {
    @Test
    void aDelayLongerThanAnIntOfMillisecondsWaitsTheLongestWireMockCanAndNeverThrows() {
        WireResponse answer = WireResponse.of(200, new byte[0], "id", null);

        assertThat(answer.after(Duration.ofMillis(1500)).delayMillis()).isEqualTo(1500);
        assertThat(answer.after(Duration.ofDays(365)).delayMillis()).isEqualTo(Integer.MAX_VALUE);
        assertThat(answer.after(ChronoUnit.FOREVER.getDuration()).delayMillis()).isEqualTo(Integer.MAX_VALUE);
    }
}
