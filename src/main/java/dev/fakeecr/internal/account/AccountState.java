package dev.fakeecr.internal.account;

import dev.fakeecr.internal.faults.FaultRules;
import dev.fakeecr.internal.journal.CallJournal;
import dev.fakeecr.internal.registry.MemoryBudget;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.LifecycleRun;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.TestClock;
import java.time.Clock;
import java.util.List;

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
    private final Replication.Control replication = new Replication.Control();
    private final PullThroughCache.Upstreams upstreams = new PullThroughCache.Upstreams();
    private final boolean strictSignatures;
    private final boolean heldByHandles;
    /** Whether lifecycle policies run whenever the clock moves (off by default: only when a test asks). */
    private volatile boolean lifecycleFollowsClock;

    AccountState(AccountKey key, Clock serverClock, RegistryConfig config, MemoryBudget budget, int journalCapacity,
                 boolean strictSignatures, boolean heldByHandles) {
        this.key = key;
        this.clock = new TestClock(serverClock);
        this.registry = new Registry(key.accountId(), key.region(), clock, config, budget);
        this.journal = new CallJournal(journalCapacity);
        this.strictSignatures = strictSignatures;
        this.heldByHandles = heldByHandles;
        clock.onMove(() -> {
            if (lifecycleFollowsClock) {
                applyLifecyclePolicies();
            }
        });
    }

    /**
     * Runs every repository's lifecycle policy now, on the registry's clock, and records the runs in the journal.
     *
     * @return one run per repository that has a policy
     */
    public List<LifecycleRun> applyLifecyclePolicies() {
        List<LifecycleRun> runs = registry.applyLifecyclePolicies();
        runs.forEach(journal::recordLifecycleRun);
        return runs;
    }

    /**
     * Runs one repository's lifecycle policy now and records the run in the journal.
     *
     * @param repositoryName the repository's name
     * @return what the run did
     */
    public LifecycleRun applyLifecyclePolicy(String repositoryName) {
        LifecycleRun run = registry.applyLifecyclePolicy(repositoryName);
        journal.recordLifecycleRun(run);
        return run;
    }

    /**
     * Whether every move of the clock ({@code set}, {@code advance}) runs the lifecycle policies.
     *
     * @param follow true to run them on every move
     */
    public void lifecyclePoliciesFollowClock(boolean follow) {
        lifecycleFollowsClock = follow;
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

    /**
     * Whether this account and region's replication is held back, and which destinations fail.
     *
     * @return the control
     */
    public Replication.Control replication() {
        return replication;
    }

    /**
     * The upstream registries this account's pull through cache rules fetch from, as the test filled them.
     *
     * @return the upstreams
     */
    public PullThroughCache.Upstreams upstreams() {
        return upstreams;
    }
}
