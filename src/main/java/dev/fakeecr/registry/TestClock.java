package dev.fakeecr.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The clock of one account's registry: push, creation and pull times, and token expiry. It follows the
 * system clock until a test fixes it; then it stands still until set or advanced again.
 */
public final class TestClock extends Clock {
    private final Clock system;
    private volatile Instant fixed;

    /**
     * A clock that follows {@code system}.
     *
     * @param system the clock to follow until the test sets this one
     */
    public TestClock(Clock system) {
        this.system = Objects.requireNonNull(system, "system");
    }

    /**
     * Stops the clock at {@code instant}.
     *
     * @param instant the time to stop at
     */
    public synchronized void set(Instant instant) {
        fixed = Objects.requireNonNull(instant, "instant");
    }

    /**
     * Moves the clock forward (stopping it where it was, if it was following the system clock).
     *
     * @param duration how far to move the clock
     */
    public synchronized void advance(Duration duration) {
        fixed = instant().plus(Objects.requireNonNull(duration, "duration"));
    }

    /** Goes back to following the system clock. */
    public synchronized void useSystemTime() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant stopped = fixed;
        return stopped != null ? stopped : system.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * Not supported: registry times are instants, so the zone does not matter.
     *
     * @param zone not used
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("registry times are instants; the zone does not matter");
    }
}
