package dev.fakeecr.internal.journal;

import dev.fakeecr.journal.Call;
import dev.fakeecr.registry.LifecycleRun;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The calls one client scope (account and region) made, oldest first. Bounded twice: past {@code capacity}
 * calls, or past {@link #MAX_BYTES} of request copies, the oldest are dropped and counted.
 */
public final class CallJournal {
    /** The default number of calls kept per test. */
    public static final int DEFAULT_CAPACITY = 1_000;

    /** The most request-copy bytes one journal holds, whatever its capacity in calls. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    private final int capacity;
    /**
     * The calls kept, a ring from {@code head}, with the request-copy bytes of each beside it: a primitive array
     * because dropping the oldest call must not read an object written a thousand calls ago (a cache miss a
     * call, once measured at a twentieth of the fake's own work per PutImage).
     */
    private Call[] calls = new Call[16];
    private int[] callBytes = new int[16];
    private int head;
    private int kept;
    private long bytes;
    /** Lifecycle policy runs, oldest first, under the same capacity. */
    private final Deque<LifecycleRun> lifecycleRuns = new ArrayDeque<>();
    private long dropped;

    /**
     * A journal that keeps the last {@code capacity} calls.
     *
     * @param capacity how many calls it keeps, at least 1
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public CallJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records a call, dropping the oldest if the journal is full.
     *
     * @param call the call
     */
    public void record(Call call) {
        record(call, 0);
    }

    /**
     * Records a call whose request copy holds about {@code copyBytes}, dropping the oldest calls while the
     * journal is over its capacity or its byte bound (the newest call is always kept).
     *
     * @param call the call
     * @param copyBytes the size of its request copy
     */
    public synchronized void record(Call call, int copyBytes) {
        if (kept == calls.length) {
            grow();
        }
        int tail = (head + kept) % calls.length;
        calls[tail] = call;
        callBytes[tail] = copyBytes;
        kept++;
        bytes += copyBytes;
        while (kept > 1 && (kept > capacity || bytes > MAX_BYTES)) {
            calls[head] = null;
            bytes -= callBytes[head];
            head = (head + 1) % calls.length;
            kept--;
            dropped++;
        }
    }

    /** Twice the room, the calls kept first in order. */
    private void grow() {
        int length = calls.length;
        int room = (int) Math.min(2L * length, Integer.MAX_VALUE - 8);
        Call[] moreCalls = new Call[room];
        int[] moreBytes = new int[room];
        for (int i = 0; i < kept; i++) {
            moreCalls[i] = calls[(head + i) % length];
            moreBytes[i] = callBytes[(head + i) % length];
        }
        calls = moreCalls;
        callBytes = moreBytes;
        head = 0;
    }

    /** The calls kept, oldest first, as a new list. */
    private List<Call> inOrder() {
        List<Call> list = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            list.add(calls[(head + i) % calls.length]);
        }
        return list;
    }

    /**
     * The request-copy bytes the journal holds now.
     *
     * @return about how many bytes of request copies are kept
     */
    public synchronized long bytes() {
        return bytes;
    }

    /**
     * Records a lifecycle policy run, dropping the oldest run if as many as the capacity are kept.
     *
     * @param run what the run did
     */
    public synchronized void recordLifecycleRun(LifecycleRun run) {
        if (lifecycleRuns.size() == capacity) {
            lifecycleRuns.removeFirst();
        }
        lifecycleRuns.addLast(run);
    }

    /**
     * The lifecycle policy runs kept, oldest first.
     *
     * @return a copy of the runs kept
     */
    public synchronized List<LifecycleRun> lifecycleRuns() {
        return new ArrayList<>(lifecycleRuns);
    }

    /**
     * The calls kept, oldest first.
     *
     * @return a copy of the calls kept
     */
    public synchronized List<Call> calls() {
        return inOrder();
    }

    /**
     * How many calls were dropped to respect the capacity.
     *
     * @return the number of calls dropped
     */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * The calls, one per line, for failure reports.
     *
     * @return one numbered line per call, numbered from the first call ever recorded, or {@code no ECR calls};
     *     then one line per lifecycle policy run, if any ran
     */
    public synchronized String describe() {
        if (kept == 0) {
            return "no ECR calls" + describeLifecycleRuns();
        }
        StringBuilder text = new StringBuilder();
        if (dropped > 0) {
            text.append("  (").append(dropped).append(" earlier calls dropped)\n");
        }
        int n = (int) dropped;
        for (Call call : inOrder()) {
            text.append("  ").append(++n).append(". ").append(call).append('\n');
        }
        return text.toString().stripTrailing() + describeLifecycleRuns();
    }

    /** The lifecycle policy runs, after the calls (they are timed on the registry's clock, calls on the system's). */
    private String describeLifecycleRuns() {
        StringBuilder text = new StringBuilder();
        lifecycleRuns.forEach(run -> text.append("\n  ").append(run));
        return text.isEmpty() ? "" : "\n  and lifecycle policy runs:" + text;
    }
}
