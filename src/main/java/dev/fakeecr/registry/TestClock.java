package dev.fakeecr.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The clock of one account's registry: push, creation and pull times, and token expiry. It follows the
 * system clock until a test fixes it; then it stands still until set or advanced again.
 */
public final class TestClock extends Clock {
    private final Clock system;
    private volatile Instant fixed;
    private final List<Runnable> moveListeners = new CopyOnWriteArrayList<>();

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
    public void set(Instant instant) {
        synchronized (this) {
            fixed = Objects.requireNonNull(instant, "instant");
        }
        moved();
    }

    /**
     * Moves the clock forward (stopping it where it was, if it was following the system clock).
     *
     * @param duration how far to move the clock
     */
    public void advance(Duration duration) {
        synchronized (this) {
            fixed = instant().plus(Objects.requireNonNull(duration, "duration"));
        }
        moved();
    }

    /**
     * Runs {@code listener} after every {@link #set} and {@link #advance}, on the thread that moved the clock
     * (the fake uses it to apply lifecycle policies when a test opted in).
     *
     * @param listener what to run; exceptions it throws reach the caller of set or advance
     */
    public void onMove(Runnable listener) {
        moveListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Outside the clock's lock, so a listener may take other locks (the registry's) without deadlock. */
    private void moved() {
        moveListeners.forEach(Runnable::run);
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
