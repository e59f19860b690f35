package dev.fakeecr.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An ECR error answer: the code and the message the caller sees. Thrown by the rules, encoded by the protocol. */
public final class EcrError extends RuntimeException {
    /** The error code. */
    private final ErrorCode code;
    /** Members of the error shape besides {@code message}, in the order they were added. */
    private final Map<String, Object> details = new LinkedHashMap<>();

    /**
     * An error answer with this code and message.
     *
     * @param code the error code
     * @param message the message the caller sees, or null for none
     */
    public EcrError(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    /**
     * An error answer whose shape carries members besides {@code message}.
     *
     * @param code the error code
     * @param message the message the caller sees, or null for none
     * @param details the other members of the error shape, in the order they are sent
     */
    public EcrError(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false); // an expected answer, not a bug: no stack trace to fill
        this.code = Objects.requireNonNull(code, "code");
        this.details.putAll(details);
    }

    /**
     * The error code.
     *
     * @return the error code
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Members the error shape carries besides {@code message} (e.g. {@code lastValidByteReceived}).
     *
     * @return those members by name, read-only; empty for most errors
     */
    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }

    /**
     * {@code InvalidParameterException} in ECR's style: "Invalid parameter at 'x' failed to satisfy constraint: '…'".
     *
     * @param member the member's wire name, e.g. {@code imageManifest}
     * @param constraint the constraint it breaks
     * @return the error
     */
    public static EcrError invalidParameter(String member, String constraint) {
        return new EcrError(ErrorCode.INVALID_PARAMETER,
                "Invalid parameter at '" + member + "' failed to satisfy constraint: '" + constraint + "'");
    }
}
