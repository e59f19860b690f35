package dev.fakeecr.internal.protocol;

import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.internal.registry.Messages;

/**
 * The account and region a request acts in, read from its SigV4 credential scope
 * ({@code Credential=<access key>/<date>/<region>/ecr/aws4_request}). A 12-digit access key id is the
 * account id, so each test's client addresses its own registry; any other key maps to the default account.
 */
record RequestScope(String accessKeyId, String accountId, String region) {
    private static final String CREDENTIAL = "Credential=";
    private static final String TERMINATOR = "aws4_request";

    static RequestScope of(String authorization, String defaultAccountId) {
        if (authorization == null || authorization.isBlank()) {
            throw new EcrError(ErrorCode.MISSING_AUTHENTICATION_TOKEN, Messages.description(ErrorCode.MISSING_AUTHENTICATION_TOKEN));
        }
        String[] credential = authorization.startsWith("AWS4-HMAC-SHA256 ") ? credential(authorization) : null;
        if (credential == null) {
            throw new EcrError(ErrorCode.INCOMPLETE_SIGNATURE, "Authorization header requires 'Credential'"
                    + " parameter. Authorization header requires 'Signature' parameter. Authorization header requires"
                    + " 'SignedHeaders' parameter. Authorization=" + authorization);
        }
        String accessKeyId = credential[0];
        String account = AccountIds.isValid(accessKeyId) ? accessKeyId : defaultAccountId;
        return new RequestScope(accessKeyId, account, credential[2]);
    }

    /**
     * The first well-formed {@code Credential=<key>/<date>/<region>/<service>/aws4_request} in the header, as
     * its five parts ({@code <date>} may be empty, the others not), or null. Parsed by hand: every request
     * has one, and a regular expression cost more than the rest of the scope.
     */
    private static String[] credential(String authorization) {
        for (int at = authorization.indexOf(CREDENTIAL); at >= 0; at = authorization.indexOf(CREDENTIAL, at + 1)) {
            String[] parts = new String[5];
            int start = at + CREDENTIAL.length();
            int part = 0;
            for (int i = start; part < 5; i++) {
                char c = i < authorization.length() ? authorization.charAt(i) : ',';
                if (c == '/' || c == ',' || isSpace(c)) {
                    parts[part++] = authorization.substring(start, i);
                    start = i + 1;
                    if (c != '/') {
                        break;
                    }
                }
            }
            if (part == 5 && !parts[0].isEmpty() && !parts[2].isEmpty() && !parts[3].isEmpty()
                    && parts[4].startsWith(TERMINATOR)) {
                return parts;
            }
        }
        return null;
    }

    /** What a regular expression's {@code \\s} is. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
