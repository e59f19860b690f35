package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running server releases the accounts it owns once they are idle (made-up regions, new access keys,
 * journal queries), and keeps what handles hold and what the seed loaded.
 */
class IdleAccountsTest {
    private static final AccountKey REQUESTED = new AccountKey("111111111111", "us-east-1");
    private static final AccountKey HELD = new AccountKey("222222222222", "us-east-1");
    private static final AccountKey SEEDED = new AccountKey("333333333333", "us-east-1");

    @TempDir
    Path dir;

    @Test
    void idleServerOwnedAccountsAreReleasedAndHeldOrSeededOnesKept() throws Exception {
        Accounts accounts = new Accounts(Clock.systemUTC(), RegistryConfig.DEFAULTS, 10);
        accounts.forRequest(REQUESTED).registry().createRepository(dev.fakeecr.registry.RepositorySettings.named("app"));
        Accounts.Hold hold = accounts.open(HELD, RegistryConfig.DEFAULTS, false);
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"accounts\":[{\"accountId\":\"333333333333\",\"repositories\":[{\"name\":\"kept\"}]}]}");
        SeedFile.load(seed, accounts, "000000000000");

        assertThat(accounts.releaseIdle(Duration.ofHours(1))).as("nothing idle that long").isZero();
        assertThat(accounts.releaseIdle(Duration.ZERO)).isEqualTo(1);

        assertThat(accounts.find(REQUESTED)).isEmpty();
        assertThat(accounts.find(HELD)).isPresent();
        assertThat(accounts.find(SEEDED).orElseThrow().registry().repositories()).hasSize(1);
        hold.release();
        assertThat(accounts.size()).isEqualTo(1);
    }
}
