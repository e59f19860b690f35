package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.TestClock;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every registry the fake holds, one per (account, region), created on first use.
 *
 * <p>Used by the fake's server and protocol layer; tests normally go through {@link dev.fakeecr.FakeEcr}.
 */
public final class Registries {
    private record Key(String accountId, String region) {}

    private final ConcurrentMap<Key, Registry> registries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final RegistryConfig defaultLimits;

    /**
     * No registries yet.
     *
     * @param clock the clock of registries created on first use, which {@link #newClock()} also follows
     * @param defaultLimits the config of registries created on first use
     */
    public Registries(Clock clock, RegistryConfig defaultLimits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultLimits = Objects.requireNonNull(defaultLimits, "defaultLimits");
    }

    /**
     * The registry of this account in this region; an empty one if nothing was done there yet.
     *
     * @param accountId the account
     * @param region the region
     * @return that registry
     */
    public Registry registry(String accountId, String region) {
        return registries.computeIfAbsent(new Key(accountId, region),
                k -> new Registry(k.accountId(), k.region(), clock, defaultLimits));
    }

    /**
     * Replaces the account's registry in this region with an empty one under these limits, whose times
     * come from {@code registryClock}.
     *
     * @param accountId the account
     * @param region the region
     * @param limits the new registry's quotas and layer checks
     * @param registryClock the new registry's clock
     * @return the new, empty registry
     */
    public Registry reset(String accountId, String region, RegistryConfig limits, Clock registryClock) {
        Registry fresh = new Registry(accountId, region, registryClock, limits);
        registries.put(new Key(accountId, region), fresh);
        return fresh;
    }

    /**
     * A clock for one registry: the server's clock until a test stops or moves it.
     *
     * @return a new clock, following the server's clock
     */
    public TestClock newClock() {
        return new TestClock(clock);
    }

    /**
     * How many registries are held: one per (account, region) used and not yet forgotten.
     *
     * @return the number of registries held
     */
    public int size() {
        return registries.size();
    }

    /**
     * Forgets the account's registry in this region, so its memory is released.
     *
     * @param accountId the account
     * @param region the region
     */
    public void remove(String accountId, String region) {
        registries.remove(new Key(accountId, region));
    }
}
