package dev.fakeecr.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.internal.journal.CallJournal;
import java.time.Instant;
import java.util.Map;
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
}
