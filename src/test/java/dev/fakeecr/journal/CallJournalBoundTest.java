package dev.fakeecr.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.internal.journal.CallJournal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A journal holds a bounded total of request copies, whatever its capacity in calls. */
class CallJournalBoundTest {
    @Test
    void pastItsByteBoundTheOldestCallsAreDropped() {
        CallJournal journal = new CallJournal(1_000);
        int perCall = 64 * 1024;
        for (int i = 0; i < 200; i++) {
            journal.record(new Call(new EcrRequest("ListImages", Map.of("n", i)), 400, "X", "id" + i, Instant.EPOCH,
                    false, null), perCall);
        }

        assertThat(journal.bytes()).isLessThanOrEqualTo(CallJournal.MAX_BYTES);
        assertThat(journal.calls()).hasSize((int) (CallJournal.MAX_BYTES / perCall));
        assertThat(journal.dropped()).isEqualTo(200 - CallJournal.MAX_BYTES / perCall);
        assertThat(journal.calls().get(journal.calls().size() - 1).request().member("n")).isEqualTo(199);
    }

    @Test
    void keepsTheNewestCallsInOrderAsTheSimplestQueueWould() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int capacity = 1 + random.nextInt(40);
            CallJournal journal = new CallJournal(capacity);
            Deque<Call> model = new ArrayDeque<>();
            Deque<Integer> modelBytes = new ArrayDeque<>();
            long bytes = 0;
            long dropped = 0;
            for (int i = 0; i < 300; i++) {
                int copy = random.nextInt(4) == 0 ? (int) (CallJournal.MAX_BYTES / (1 + random.nextInt(8))) : 0;
                Call call = new Call(new EcrRequest("ListImages", Map.of("n", i)), 200, null, "id" + i,
                        Instant.EPOCH, false, null);
                journal.record(call, copy);
                model.addLast(call);
                modelBytes.addLast(copy);
                bytes += copy;
                while (model.size() > 1 && (model.size() > capacity || bytes > CallJournal.MAX_BYTES)) {
                    model.removeFirst();
                    bytes -= modelBytes.removeFirst();
                    dropped++;
                }

                assertThat(journal.calls()).containsExactlyElementsOf(new ArrayList<>(model));
                assertThat(journal.bytes()).isEqualTo(bytes);
                assertThat(journal.dropped()).isEqualTo(dropped);
            }
            List<Call> kept = journal.calls();
            assertThat(journal.describe()).startsWith(dropped > 0 ? "  (" + dropped + " earlier calls dropped)\n  "
                    + (dropped + 1) + ". " + kept.get(0) : "  1. " + kept.get(0));
        }
    }
}
