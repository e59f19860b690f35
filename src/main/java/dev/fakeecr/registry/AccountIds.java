package dev.fakeecr.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/** AWS account ids, which ECR calls registry ids: exactly twelve ASCII digits. */
public final class AccountIds {
    /** The pattern of an account id, as ECR's model gives it and its error messages quote it. */
    public static final String PATTERN = "[0-9]{12}";

    private static final Pattern ACCOUNT_ID = Pattern.compile(PATTERN);

    private AccountIds() {}

    /**
     * Whether a string is an account id.
     *
     * @param accountId the string, or null
     * @return true if it is twelve ASCII digits
     */
    public static boolean isValid(String accountId) {
        return accountId != null && ACCOUNT_ID.matcher(accountId).matches();
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
