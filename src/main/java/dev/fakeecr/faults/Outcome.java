package dev.fakeecr.faults;

import java.time.Duration;
import java.util.Objects;

/** What a fault rule answers instead of (or before) the fake's normal answer. */
public sealed interface Outcome {

    /**
     * An error answer.
     *
     * @param code the error code, e.g. {@code ServerException} or {@code ThrottlingException}
     * @param status the HTTP status
     * @param message the message, or null for a realistic default for this code and request
     */
    record Error(String code, int status, String message) implements Outcome {
        /**
         * Checks the code and status.
         *
         * @param code the error code
         * @param status the HTTP status, 4xx or 5xx
         * @param message the message, or null for a realistic default
         * @throws IllegalArgumentException if {@code status} is not 4xx or 5xx
         */
        public Error {
            Objects.requireNonNull(code, "code");
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
            }
        }

        @Override
        public String toString() {
            return "fail with " + code + " (" + status + ")" + (message == null ? "" : ": " + message);
        }
    }

    /**
     * Wait, then answer normally: for client timeouts.
     *
     * @param delay how long to wait before answering
     */
    record Delay(Duration delay) implements Outcome {
        /**
         * Checks the delay.
         *
         * @param delay how long to wait
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Delay {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a delay is not negative: " + delay);
            }
        }

        @Override
        public String toString() {
            return "answer after " + delay.toMillis() + " ms";
        }
    }

    /**
     * Break the connection instead of answering.
     *
     * @param kind how the connection breaks
     */
    record ConnectionFault(Kind kind) implements Outcome {
        /** How the connection breaks. */
        public enum Kind {
            /** The connection is reset (TCP RST). */
            RESET,
            /** The connection closes without a response. */
            EMPTY_RESPONSE,
            /** Garbage bytes, then the connection closes. */
            GARBAGE
        }

        /**
         * Checks that the kind is given.
         *
         * @param kind how the connection breaks
         */
        public ConnectionFault {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String toString() {
            return "connection " + kind;
        }
    }

    /** Answer as the fake would without the rule: lets a rule pass calls through before one that fails. */
    record Normal() implements Outcome {
        @Override
        public String toString() {
            return "answer normally";
        }
    }
}
