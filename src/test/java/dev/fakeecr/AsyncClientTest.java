package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Handles' async clients share the server's Netty event loop: closing a handle (a test's end) must not stop
 * it, since stopping waits out Netty's quiet period (about 2 s per test) and the next test starts another.
 */
class AsyncClientTest {
    private static final Pattern EVENT_LOOP = Pattern.compile("aws-java-sdk-NettyEventLoop-(\\d+)-\\d+");

    /** The event loop groups with live threads, by the pool number in their threads' names. */
    private static Set<String> eventLoopGroups() {
        return Thread.getAllStackTraces().keySet().stream().map(t -> EVENT_LOOP.matcher(t.getName()))
                .filter(Matcher::matches).map(m -> m.group(1)).collect(Collectors.toSet());
    }

    @Test
    void theNextHandleReusesTheEventLoopOfAClosedOne() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.start()) {
            try (FakeEcr first = server.account("111111111111", "us-east-1")) {
                assertThat(first.asyncClient().describeRepositories().get().repositories()).isEmpty();
            }
            Set<String> afterTheFirstTest = eventLoopGroups();

            try (FakeEcr second = server.account("222222222222", "us-east-1")) {
                second.createRepository("app");
                assertThat(second.asyncClient().describeRepositories().get().repositories()).hasSize(1);

                Set<String> started = eventLoopGroups();
                started.removeAll(afterTheFirstTest);
                assertThat(started).as("event loop groups started for the second handle").isEmpty();
            }
        }
    }
}
