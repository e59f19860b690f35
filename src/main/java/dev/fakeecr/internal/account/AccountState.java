package dev.fakeecr.internal.account;

import dev.fakeecr.internal.faults.FaultRules;
import dev.fakeecr.internal.journal.CallJournal;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.TestClock;
import java.time.Clock;

/**
 * Everything the fake keeps for one account in one region: its registry and clock, the calls made to it,
 * the fault rules declared for it, and whether its requests must be signed correctly. Both doors (the ECR
 * API and, later, the registry endpoint) and the handle read and change the account through this one object.
 *
 * <p>The state is either held by handles ({@link Accounts#open}), which release it when the last of them
 * closes, or owned by the server, when a request signed for an account no handle holds created it
 * ({@link Accounts#forRequest}); the server drops those when it stops.
 */
public final class AccountState {
    private final AccountKey key;
    private final TestClock clock;
    private final Registry registry;
    private final CallJournal journal;
    private final FaultRules faults = new FaultRules();
    private final boolean strictSignatures;
    private final boolean heldByHandles;

    AccountState(AccountKey key, Clock serverClock, RegistryConfig config, int journalCapacity,
                 boolean strictSignatures, boolean heldByHandles) {
        this.key = key;
        this.clock = new TestClock(serverClock);
        this.registry = new Registry(key.accountId(), key.region(), clock, config);
        this.journal = new CallJournal(journalCapacity);
        this.strictSignatures = strictSignatures;
        this.heldByHandles = heldByHandles;
    }

    /** Releases what the state holds outside the heap (the registry's blob files). */
    void close() {
        registry.close();
    }

    /**
     * The account and region.
     *
     * @return the key
     */
    public AccountKey key() {
        return key;
    }

    /**
     * The registry's clock: push, creation and pull times and token expiry come from it.
     *
     * @return the clock
     */
    public TestClock clock() {
        return clock;
    }

    /**
     * The account's registry in this region.
     *
     * @return the registry
     */
    public Registry registry() {
        return registry;
    }

    /**
     * The calls made to this account and region.
     *
     * @return the journal
     */
    public CallJournal journal() {
        return journal;
    }

    /**
     * The fault rules declared for this account and region.
     *
     * @return the rules
     */
    public FaultRules faults() {
        return faults;
    }

    /**
     * Whether requests signed with this account's own access key must carry a valid signature made with
     * the handle's secret, in this region (another region of the same account has its own setting).
     *
     * @return whether signatures are verified
     */
    public boolean strictSignatures() {
        return strictSignatures;
    }

    /**
     * Whether handles hold this state (their access key and secret are then known to the server).
     *
     * @return true for a handle's state, false for one a request created
     */
    public boolean heldByHandles() {
        return heldByHandles;
    }
}
