package dev.fakeecr.internal.protocol;

import dev.fakeecr.journal.EcrRequest;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.internal.registry.Messages;
import java.util.Optional;

/** The message an injected error carries when the test gives none: ECR's own wording for this request. */
final class DefaultMessages {
    private DefaultMessages() {}

    static String of(String code, EcrRequest request, String callerAccountId) {
        String repository = Optional.ofNullable(request.repositoryName()).orElse("");
        String account = Optional.ofNullable(request.registryId()).orElse(callerAccountId);
        Optional<ErrorCode> known = ErrorCode.fromCode(code);
        if (known.isEmpty()) {
            return code;
        }
        switch (known.get()) {
            case REPOSITORY_NOT_FOUND: return Messages.repositoryNotFound(repository, account);
            case REPOSITORY_ALREADY_EXISTS: return Messages.repositoryAlreadyExists(repository, account);
            case REPOSITORY_NOT_EMPTY: return Messages.repositoryNotEmpty(repository, account);
            case IMAGE_TAG_ALREADY_EXISTS: return Messages.imageTagAlreadyExists(request.imageTag(), repository);
            case IMAGE_ALREADY_EXISTS: return Messages.imageAlreadyExists(digest(request), request.imageTag(), repository, account);
            case IMAGE_NOT_FOUND: return Messages.imageNotFound(request.imageDigest(), request.imageTag(), repository, account);
            default: return Messages.description(known.get());
        }
    }

    /** The digest the request names, or the one its manifest would get. */
    private static String digest(EcrRequest request) {
        if (request.imageDigest() != null) {
            return request.imageDigest();
        }
        Object manifest = request.member("imageManifest");
        return manifest instanceof String text ? Digests.of(text) : null;
    }
}
