package dev.fakeecr.internal.distribution;

/**
 * A refusal in the distribution spec's form, {@code {"errors":[{"code","message","detail"}]}}: the code is
 * the spec's (NAME_UNKNOWN, DIGEST_INVALID, ...), the message ECR's where ECR's is known.
 */
class RegistryError extends RuntimeException {
    final String code;
    final int status;

    RegistryError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }
}
