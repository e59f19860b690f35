package dev.fakeecr.assertj;

import dev.fakeecr.journal.Call;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one recorded call. */
public class CallAssert extends AbstractAssert<CallAssert, Call> {

    /** Assertions on {@code actual}. */
    public CallAssert(Call actual) {
        super(actual, CallAssert.class);
    }

    /** The call was of this operation, e.g. {@code PutImage}. */
    public CallAssert isOperation(String operation) {
        isNotNull();
        if (!operation.equals(actual.operation())) {
            failWithMessage("Expecting a %s call, but it was %s", operation, actual);
        }
        return this;
    }

    /** The call was answered with HTTP 200. */
    public CallAssert succeeded() {
        isNotNull();
        if (!actual.succeeded()) {
            failWithMessage("Expecting the call to succeed, but it was %s", actual);
        }
        return this;
    }

    /** The call was answered with this error code (whatever its status). */
    public CallAssert failedWith(String errorCode) {
        isNotNull();
        if (!errorCode.equals(actual.errorCode())) {
            failWithMessage("Expecting the call to fail with %s, but it was %s", errorCode, actual);
        }
        return this;
    }

    /** The call was answered with this HTTP status. */
    public CallAssert hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("Expecting status %s, but the call was %s", status, actual);
        }
        return this;
    }

    /** The request named this repository. */
    public CallAssert hasRepositoryName(String repositoryName) {
        isNotNull();
        if (!repositoryName.equals(actual.request().repositoryName())) {
            failWithMessage("Expecting a call on repository '%s', but it was %s", repositoryName, actual);
        }
        return this;
    }

    /** The request named this image tag ({@code imageTag}, or the first of {@code imageIds}). */
    public CallAssert hasImageTag(String tag) {
        isNotNull();
        if (!tag.equals(actual.request().imageTag())) {
            failWithMessage("Expecting a call for tag '%s', but it was %s", tag, actual);
        }
        return this;
    }

    /** The request carried this member with this value (strings, booleans, numbers, lists, maps as decoded). */
    public CallAssert hasMember(String member, Object value) {
        isNotNull();
        Object actualValue = actual.request().member(member);
        if (!Objects.equals(value, actualValue)) {
            failWithMessage("Expecting member %s = %s, but it was %s in %s (members %s)",
                    member, value, actualValue, actual, actual.request().members().keySet());
        }
        return this;
    }

    /** A fault rule decided the answer. */
    public CallAssert wasInjected() {
        isNotNull();
        if (!actual.injected()) {
            failWithMessage("Expecting the call to be answered by a fault rule, but it was %s", actual);
        }
        return this;
    }
}
