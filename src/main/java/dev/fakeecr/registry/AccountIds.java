package dev.fakeecr.registry;

import java.util.Objects;

/** AWS account ids, which ECR calls registry ids: exactly twelve ASCII digits. */
public final class AccountIds {
    /** The pattern of an account id, as ECR's model gives it and its error messages quote it. */
    public static final String PATTERN = "[0-9]{12}";

    private AccountIds() {}

    /**
     * Whether a string is an account id.
     *
     * @param accountId the string, or null
     * @return true if it is twelve ASCII digits
     */
    public static boolean isValid(String accountId) {
        if (accountId == null || accountId.length() != 12) { // PATTERN, checked by hand: every request asks
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = accountId.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks an account id given to the fake's API.
     *
     * @param accountId the account id
     * @param what the name of the argument, for the message if it is null
     * @return {@code accountId}
     * @throws NullPointerException if {@code accountId} is null
     * @throws IllegalArgumentException if {@code accountId} is not twelve digits
     */
    public static String require(String accountId, String what) {
        if (!isValid(Objects.requireNonNull(accountId, what))) {
            throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
        }
        return accountId;
    }
}
