package dev.fakeecr.internal.protocol;

import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.internal.registry.Messages;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account and region a request acts in, read from its SigV4 credential scope
 * ({@code Credential=<access key>/<date>/<region>/ecr/aws4_request}). A 12-digit access key id is the
 * account id, so each test's client addresses its own registry; any other key maps to the default account.
 */
record RequestScope(String accessKeyId, String accountId, String region) {
    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=([^/,\\s]+)/[^/,\\s]*/([^/,\\s]+)/[^/,\\s]+/aws4_request");

    static RequestScope of(String authorization, String defaultAccountId) {
        if (authorization == null || authorization.isBlank()) {
            throw new EcrError(ErrorCode.MISSING_AUTHENTICATION_TOKEN, Messages.description(ErrorCode.MISSING_AUTHENTICATION_TOKEN));
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || !credential.find()) {
            throw new EcrError(ErrorCode.INCOMPLETE_SIGNATURE, "Authorization header requires 'Credential'"
                    + " parameter. Authorization header requires 'Signature' parameter. Authorization header requires"
                    + " 'SignedHeaders' parameter. Authorization=" + authorization);
        }
        String accessKeyId = credential.group(1);
        String account = AccountIds.isValid(accessKeyId) ? accessKeyId : defaultAccountId;
        return new RequestScope(accessKeyId, account, credential.group(2));
    }
}
