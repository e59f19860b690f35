package dev.fakeecr.assertj;

import dev.fakeecr.journal.Call;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one recorded call. */
public class CallAssert extends AbstractAssert<CallAssert, Call> {

    /**
     * Assertions on {@code actual}.
     *
     * @param actual the call
     */
    public CallAssert(Call actual) {
        super(actual, CallAssert.class);
    }

    /**
     * The call was of this operation, e.g. {@code PutImage}.
     *
     * @param operation the expected operation
     * @return this assertion object
     */
    public CallAssert isOperation(String operation) {
        isNotNull();
        if (!operation.equals(actual.operation())) {
            failWithMessage("%nExpecting a %s call, but it was %s", operation, actual);
        }
        return this;
    }

    /**
     * The call was answered with HTTP 200.
     *
     * @return this assertion object
     */
    public CallAssert succeeded() {
        isNotNull();
        if (!actual.succeeded()) {
            failWithMessage("%nExpecting the call to succeed, but it was %s", actual);
        }
        return this;
    }

    /**
     * The call was answered with this error code (whatever its status).
     *
     * @param errorCode the expected error code, e.g. {@code ThrottlingException}
     * @return this assertion object
     */
    public CallAssert failedWith(String errorCode) {
        isNotNull();
        if (!errorCode.equals(actual.errorCode())) {
            failWithMessage("%nExpecting the call to fail with %s, but it was %s", errorCode, actual);
        }
        return this;
    }

    /**
     * The call was answered with this HTTP status.
     *
     * @param status the expected HTTP status
     * @return this assertion object
     */
    public CallAssert hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("%nExpecting status %s, but the call was %s", status, actual);
        }
        return this;
    }

    /**
     * The request named this repository.
     *
     * @param repositoryName the expected repository name
     * @return this assertion object
     */
    public CallAssert hasRepositoryName(String repositoryName) {
        isNotNull();
        if (!repositoryName.equals(actual.request().repositoryName())) {
            failWithMessage("%nExpecting a call on repository '%s', but it was %s", repositoryName, actual);
        }
        return this;
    }

    /**
     * The request named this image tag ({@code imageTag}, or the first of {@code imageIds}).
     *
     * @param tag the expected tag
     * @return this assertion object
     */
    public CallAssert hasImageTag(String tag) {
        isNotNull();
        if (!tag.equals(actual.request().imageTag())) {
            failWithMessage("%nExpecting a call for tag '%s', but it was %s", tag, actual);
        }
        return this;
    }

    /**
     * The request carried this member with this value (strings, booleans, numbers, lists, maps as decoded).
     *
     * @param member the member's wire name, e.g. {@code imageManifestMediaType}
     * @param value the expected value, as decoded
     * @return this assertion object
     */
    public CallAssert hasMember(String member, Object value) {
        isNotNull();
        Object actualValue = actual.request().member(member);
        if (!Objects.equals(value, actualValue)) {
            failWithMessage("%nExpecting member %s = %s, but it was %s in %s (members %s)",
                    member, value, actualValue, actual, actual.request().members().keySet());
        }
        return this;
    }

    /**
     * A fault rule decided the answer.
     *
     * @return this assertion object
     */
    public CallAssert wasInjected() {
        isNotNull();
        if (!actual.injected()) {
            failWithMessage("%nExpecting the call to be answered by a fault rule, but it was %s", actual);
        }
        return this;
    }
}
