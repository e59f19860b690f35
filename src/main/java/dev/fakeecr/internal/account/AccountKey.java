package dev.fakeecr.internal.account;

import java.util.Objects;

/**
 * An account in a region: the unit the fake keeps state for. Requests reach it through their SigV4
 * credential scope (or a {@code registryId}), handles through {@code FakeEcrServer.account(...)}.
 *
 * @param accountId a 12-digit account id
 * @param region the region, e.g. {@code eu-west-1}
 */
public record AccountKey(String accountId, String region) {
    /** Both parts are required. */
    public AccountKey {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
        return accountId + " in " + region;
    }
}
