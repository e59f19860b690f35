package dev.fakeecr.internal.account;

import dev.fakeecr.internal.registry.MemoryBudget;
import dev.fakeecr.registry.RegistryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one store of account state: one {@link AccountState} per account and region, whoever reaches it.
 *
 * <p>Ownership decides lifetime. A handle {@linkplain #open opens} an account and region with fresh state and
 * {@linkplain Hold#release releases} it when it closes; two open handles on the same account and region share
 * the state the later one opened, and it lives until the last of them is released. A request signed for an
 * account and region no handle holds gets state the server owns until it stops (the standalone jar and
 * clients not built by a handle work that way). A request that only names another account
 * ({@code registryId}, a layer URL) never creates state: {@link #find} answers empty.
 */
public final class Accounts {
    private final Clock clock;
    private final RegistryConfig defaultConfig;
    private final int journalCapacity;
    private final MemoryBudget memoryBudget;
    /** Written under this object's lock; read without it, as every request reads it (8 threads contended on it). */
    private final Map<AccountKey, Hold> entries = new ConcurrentHashMap<>();
    private final RegistryTokens registryTokens = new RegistryTokens();
    private final Replication replication = new Replication(this);
    private final PullThroughCache pullThroughCache = new PullThroughCache(this);

    /**
     * An account and region's slot in the store: its current state and how many open handles hold it (none:
     * the server owns it). Handles keep the slot, so a later handle's fresh state reaches them all.
     */
    /** How stale {@link Hold#lastUsed} may be: idle periods are seconds or more. */
    private static final long TOUCH_GRANULARITY_NANOS = 1_000_000;

    public final class Hold {
        private final AccountKey key;
        private volatile AccountState state;
        private int handles;
        /** When a request or a read last reached it ({@link System#nanoTime}), for idle release. */
        private volatile long lastUsed = System.nanoTime();
        /** Loaded at start (the seed file): the server keeps it however long it is idle. */
        private volatile boolean pinned;

        private Hold(AccountKey key, AccountState state) {
            this.key = key;
            this.state = state;
        }

        /**
         * Notes a use, at most once a millisecond: a volatile write on every read of every request was a fence
         * each time, and holds of different accounts share cache lines that concurrent tests then pass between
         * cores. Idle release, in seconds, does not need it finer.
         */
        private void touch() {
            long now = System.nanoTime();
            if (now - lastUsed > TOUCH_GRANULARITY_NANOS) {
                lastUsed = now;
            }
        }

        /**
         * The state the last {@link #open} of this account and region made.
         *
         * @return the current state
         */
        public AccountState state() {
            return state;
        }

        /** Gives up one handle's hold; the state goes when no handle holds it. Call once per {@link #open}. */
        public void release() {
            synchronized (Accounts.this) {
                if (handles > 0 && --handles == 0 && entries.remove(key, this)) {
                    state.close();
                }
            }
        }
    }

    /**
     * An empty store.
     *
     * @param clock the clock every registry's clock follows until a test moves it
     * @param defaultConfig the quotas of state that requests create
     * @param journalCapacity how many calls each account's journal keeps
     */
    public Accounts(Clock clock, RegistryConfig defaultConfig, int journalCapacity) {
        this(clock, defaultConfig, journalCapacity, MemoryBudget.UNBOUNDED);
    }

    /**
     * An empty store whose registries' heap-held layer bytes share one budget.
     *
     * @param clock the clock every registry's clock follows until a test moves it
     * @param defaultConfig the quotas of state that requests create
     * @param journalCapacity how many calls each account's journal keeps
     * @param memoryBudget the server-wide bound on layer bytes on the heap
     */
    public Accounts(Clock clock, RegistryConfig defaultConfig, int journalCapacity, MemoryBudget memoryBudget) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultConfig = Objects.requireNonNull(defaultConfig, "defaultConfig");
        this.journalCapacity = journalCapacity;
        this.memoryBudget = Objects.requireNonNull(memoryBudget, "memoryBudget");
    }

    /**
     * The server-wide layer-bytes budget, for the health report.
     *
     * @return the budget
     */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /**
     * Starts the account and region afresh for a handle: an empty registry under {@code config}, no calls, no
     * rules. Another handle still open on it then shares the new state.
     *
     * @param key the account and region
     * @param config the registry's quotas and layer checks
     * @param strictSignatures whether requests signed with the account's key must be signed correctly
     * @return the slot, held until {@link Hold#release} is called once for this open
     */
    public synchronized Hold open(AccountKey key, RegistryConfig config, boolean strictSignatures) {
        AccountState fresh = new AccountState(key, clock, config, memoryBudget, journalCapacity, strictSignatures, true);
        Hold hold = entries.computeIfAbsent(key, k -> new Hold(k, fresh));
        if (hold.state != fresh) {
            hold.state.close(); // nobody reaches the replaced state any more
        }
        hold.state = fresh;
        hold.handles++;
        return hold;
    }

    /**
     * Another handle on the account and region's current state (one a handle opened, or one requests or
     * replication created, which handles then hold), or fresh state if there is none.
     *
     * @param key the account and region
     * @param config the registry's quotas and layer checks, if fresh state is made
     * @param strictSignatures whether signatures are verified, if fresh state is made
     * @return the slot, held until {@link Hold#release} is called once for this attach
     */
    public synchronized Hold attach(AccountKey key, RegistryConfig config, boolean strictSignatures) {
        Hold hold = entries.computeIfAbsent(key, k -> new Hold(k,
                new AccountState(k, clock, config, memoryBudget, journalCapacity, strictSignatures, true)));
        hold.handles++;
        return hold;
    }

    /**
     * Pull through cache, fetching from upstreams (another account of this store, or what a test provided).
     *
     * @return the one pull through cache of this store
     */
    public PullThroughCache pullThroughCache() {
        return pullThroughCache;
    }

    /**
     * Replication across the accounts and regions of this store.
     *
     * @return the one replication of this store
     */
    public Replication replication() {
        return replication;
    }

    /**
     * The current state of the account and region, as handles share it.
     *
     * @param key the account and region
     * @return the state, or empty if nobody holds it
     */
    public Optional<AccountState> find(AccountKey key) {
        Hold hold = entries.get(key);
        if (hold == null) {
            return Optional.empty();
        }
        hold.touch();
        return Optional.of(hold.state);
    }

    /**
     * The state of the account and region a request is signed for, created (owned by the server, with the
     * default quotas) if nobody holds it.
     *
     * @param key the account and region of the request's signature
     * @return the state
     */
    public AccountState forRequest(AccountKey key) {
        Hold held = entries.get(key);
        if (held == null) {
            return create(key);
        }
        held.touch();
        return held.state;
    }

    private synchronized AccountState create(AccountKey key) {
        return entries.computeIfAbsent(key, k -> new Hold(k,
                new AccountState(k, clock, defaultConfig, memoryBudget, journalCapacity, false, false))).state;
    }

    /**
     * As {@link #forRequest}, for state loaded at start (the seed file), which {@link #releaseIdle} keeps.
     *
     * @param key the account and region
     * @return the state
     */
    public synchronized AccountState pinned(AccountKey key) {
        AccountState state = forRequest(key);
        entries.get(key).pinned = true;
        return state;
    }

    /**
     * Releases the state the server owns (no handle holds it, no seed loaded it) that nothing has reached for
     * {@code idle} or longer, by the system's time, so that a long-running standalone server does not keep
     * every made-up account, region and access key forever. A later request starts that account afresh.
     *
     * @param idle how long unused; zero releases every such state
     * @return how many states were released
     */
    public synchronized int releaseIdle(Duration idle) {
        long now = System.nanoTime();
        int released = 0;
        for (Hold hold : List.copyOf(entries.values())) {
            if (hold.handles == 0 && !hold.pinned && now - hold.lastUsed >= idle.toNanos()) {
                entries.remove(hold.key, hold);
                hold.state.close(); // its blob files go with it
                released++;
            }
        }
        return released;
    }

    /**
     * Drops the state of the account and region if no handle holds it (state a request or replication
     * created); its blob files go with it.
     *
     * @param key the account and region
     */
    public synchronized void dropIfUnheld(AccountKey key) {
        Hold hold = entries.get(key);
        if (hold != null && hold.handles == 0) {
            entries.remove(key);
            hold.state.close();
        }
    }

    /**
     * The registry endpoint's passwords: issued by GetAuthorizationToken, checked by the endpoint.
     *
     * @return this server's token issuer
     */
    public RegistryTokens registryTokens() {
        return registryTokens;
    }

    /** Releases every state (the server stops): blob files are deleted. */
    public synchronized void closeAll() {
        entries.values().forEach(hold -> hold.state.close());
        entries.clear();
    }

    /**
     * How many accounts and regions have state: what handles hold plus what requests created.
     *
     * @return the number of states held
     */
    public int size() {
        return entries.size();
    }
}
