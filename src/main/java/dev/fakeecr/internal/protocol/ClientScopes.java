package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.faults.FaultRules;
import dev.fakeecr.internal.journal.CallJournal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the fake keeps for each client scope (the account and region a request is signed for) besides
 * registries: the calls it made and the faults declared for it. A test's client has a scope of its own,
 * so tests never see each other's calls or faults.
 */
public final class ClientScopes {
    /** One scope's journal and fault rules. */
    public record ClientScope(CallJournal journal, FaultRules faults) {}

    private record Key(String accountId, String region) {}

    private final ConcurrentMap<Key, ClientScope> scopes = new ConcurrentHashMap<>();
    private final int journalCapacity;

    public ClientScopes(int journalCapacity) {
        this.journalCapacity = journalCapacity;
    }

    /** The scope's journal and rules, created empty on first use. */
    public ClientScope scope(String accountId, String region) {
        return scopes.computeIfAbsent(new Key(accountId, region),
                k -> new ClientScope(new CallJournal(journalCapacity), new FaultRules()));
    }

    /** Starts the scope afresh: an empty journal and no rules. */
    public ClientScope reset(String accountId, String region) {
        ClientScope fresh = new ClientScope(new CallJournal(journalCapacity), new FaultRules());
        scopes.put(new Key(accountId, region), fresh);
        return fresh;
    }

    /** How many scopes are held. */
    public int size() {
        return scopes.size();
    }

    public void remove(String accountId, String region) {
        scopes.remove(new Key(accountId, region));
    }
}
