package dev.fakeecr.internal.account;

import dev.fakeecr.internal.registry.Replica;
import dev.fakeecr.internal.registry.ReplicationConfiguration.Destination;
import dev.fakeecr.internal.registry.ReplicationStatus;
import dev.fakeecr.registry.EcrError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replication that replicates: after a push, copies the image to every destination the pushing registry's
 * replication configuration names, in the same server, and records each destination's status on the source
 * image. {@link #imagePushed} is the one hook both doors call (PutImage, and a manifest pushed to the
 * registry endpoint), as does the handle's seeding.
 *
 * <p>Copies are made at once, on the pushing thread, so tests are deterministic; a test can
 * {@linkplain Control#hold() hold} an account's replication (its images stay {@code IN_PROGRESS}) and
 * release it later, or make a destination fail. A destination no handle holds gets state the server owns,
 * as a request signed for it would (a handle opened on it later starts afresh, so open it first).
 *
 * <p>No two registry locks are held at once: the source is read, then each destination written, then the
 * status recorded on the source.
 */
public final class Replication {
    /** [infer] The failure code recorded when a cross-account destination has no registry policy. */
    static final String NO_REGISTRY_POLICY = "ACCESS_DENIED";

    private final Accounts accounts;

    Replication(Accounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * Per account and region: whether its pushes are held back, and which destinations a test made fail.
     * Thread-safe.
     */
    public static final class Control {
        private boolean held;
        private final List<Replica> pending = new ArrayList<>();
        private final Map<Destination, String> failing = new HashMap<>();
        /** Destinations that had no state until replication created it (server-owned), to drop with the source. */
        private final java.util.Set<AccountKey> created = new java.util.LinkedHashSet<>();

        /** From now on, pushes stay {@code IN_PROGRESS} until {@link Replication#release}. */
        public synchronized void hold() {
            held = true;
        }

        /**
         * Copies to this destination fail from now on, with this failure code.
         *
         * @param destination the destination
         * @param failureCode what DescribeImageReplicationStatus reports as the reason
         */
        public synchronized void fail(Destination destination, String failureCode) {
            failing.put(destination, failureCode);
        }

        synchronized boolean pendIfHeld(Replica replica) {
            if (held) {
                pending.add(replica);
            }
            return held;
        }

        synchronized List<Replica> release() {
            held = false;
            List<Replica> released = List.copyOf(pending);
            pending.clear();
            return released;
        }

        synchronized String failureFor(Destination destination) {
            return failing.get(destination);
        }

        synchronized void created(AccountKey destination) {
            created.add(destination);
        }

        synchronized List<AccountKey> takeCreated() {
            List<AccountKey> taken = List.copyOf(created);
            created.clear();
            return taken;
        }
    }

    /**
     * An image was pushed to a repository of this account and region: copies it where the registry's
     * replication configuration says, unless the account's replication is held.
     *
     * @param source the pushing account and region
     * @param repositoryName the repository
     * @param digest the image's digest
     * @param tag the tag pushed, or null
     */
    public void imagePushed(AccountKey source, String repositoryName, String digest, String tag) {
        AccountState state = accounts.find(source).orElse(null);
        if (state == null || !state.registry().replicates()) {
            return;
        }
        state.registry().replicaOf(repositoryName, digest, tag).ifPresent(replica -> {
            if (!state.replication().pendIfHeld(replica)) {
                deliver(state, replica);
            }
        });
    }

    /**
     * Copies every push held back for this account and region, and stops holding.
     *
     * @param source the account and region
     */
    public void release(AccountState source) {
        source.replication().release().forEach(replica -> deliver(source, replica));
    }

    /**
     * The source's handle is closing: the destinations replication created for it, and that no handle holds
     * now, go too, so a test's replicas do not outlive it.
     *
     * @param source the source account and region
     */
    public void sourceClosed(AccountState source) {
        source.replication().takeCreated().forEach(accounts::dropIfUnheld);
    }

    private void deliver(AccountState source, Replica replica) {
        for (Destination destination : replica.destinations()) {
            source.registry().recordReplication(replica.repositoryName(), replica.digest(),
                    copy(source, replica, destination));
        }
    }

    /** The bytes go first, outside any registry's lock; a source released meanwhile leaves them behind. */
    private static void importBlobs(AccountState target, Replica replica) {
        replica.children().forEach(child -> importBlobs(target, child));
        replica.layerBytes().values().forEach(content -> {
            try {
                target.registry().importBlob(content);
            } catch (java.io.UncheckedIOException sourceReleased) {
                // the copy still lands, by digest only, as a seeded image does
            }
        });
    }

    private ReplicationStatus copy(AccountState source, Replica replica, Destination destination) {
        String injected = source.replication().failureFor(destination);
        if (injected != null) {
            return new ReplicationStatus(destination, "FAILED", injected);
        }
        AccountKey key = new AccountKey(destination.registryId(), destination.region());
        if (accounts.find(key).isEmpty()) {
            source.replication().created(key);
        }
        AccountState target = accounts.forRequest(key);
        boolean crossAccount = !destination.registryId().equals(source.key().accountId());
        if (crossAccount && !target.registry().hasRegistryPolicy()) {
            // The user guide: the destination must allow the source with a registry policy (its content is not evaluated).
            return new ReplicationStatus(destination, "FAILED", NO_REGISTRY_POLICY);
        }
        try {
            importBlobs(target, replica);
            target.registry().receiveReplica(replica);
            return new ReplicationStatus(destination, "COMPLETE", null);
        } catch (EcrError refused) {
            return new ReplicationStatus(destination, "FAILED", refused.code().code()); // [infer] code
        }
    }
}
