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
        return new RequestScope(accessKeyId, account, credential[1]);
    }

    /**
     * The access key and region of the first well-formed {@code Credential=<key>/<date>/<region>/<service>/aws4_request}
     * in the header ({@code <date>} may be empty, the others not), or null. Parsed by hand: every request has
     * one, and a regular expression cost more than the rest of the scope.
     */
    private static String[] credential(String authorization) {
        int length = authorization.length();
        for (int at = authorization.indexOf(CREDENTIAL); at >= 0; at = authorization.indexOf(CREDENTIAL, at + 1)) {
            int[] starts = new int[5]; // where each of the five parts starts; each ends one before the next
            int part = 0;
            starts[0] = at + CREDENTIAL.length();
            int i = starts[0];
            for (; i < length && part < 4; i++) {
                char c = authorization.charAt(i);
                if (c == '/') {
                    starts[++part] = i + 1;
                } else if (c == ',' || isSpace(c)) {
                    break;
                }
            }
            if (part == 4 && starts[1] - 1 > starts[0] && starts[3] - 1 > starts[2] && starts[4] - 1 > starts[3]
                    && authorization.startsWith(TERMINATOR, starts[4])) {
                return new String[] {authorization.substring(starts[0], starts[1] - 1),
                    authorization.substring(starts[2], starts[3] - 1)};
            }
        }
        return null;
    }

    /** What a regular expression's {@code \\s} is. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
