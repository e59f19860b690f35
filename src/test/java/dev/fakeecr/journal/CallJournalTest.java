package dev.fakeecr.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.Manifests;
import dev.fakeecr.ServerPerClass;
import dev.fakeecr.registry.RegistryConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** What the journal records, per client scope, and how it stays bounded. */
class CallJournalTest {
    /** These tests push synthetic manifests, whose layers were never uploaded. */
    private static final RegistryConfig SYNTHETIC = RegistryConfig.DEFAULTS.withLayerChecks(false);

    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    @Test
    void aBatchCallsLineShowsItsFailures() {
        try (FakeEcr fake = server.account("111111111112", "us-east-1", SYNTHETIC)) {
            fake.createRepository("app");
            fake.putImage("app", "1.0", Manifests.oci("x"));
            fake.client().batchGetImage(r -> r.repositoryName("app").imageIds(i -> i.imageTag("9.9")));
            fake.client().batchGetImage(r -> r.repositoryName("app").imageIds(i -> i.imageTag("1.0")));
            fake.client().batchDeleteImage(r -> r.repositoryName("app").imageIds(i -> i.imageTag("8.8"), i -> i.imageTag("7.7")));

            assertThat(fake.calls()).extracting(Call::toString).containsExactly(
                    "BatchGetImage app:9.9 -> 200 OK, 1 failure: ImageNotFound",
                    "BatchGetImage app:1.0 -> 200 OK",
                    "BatchDeleteImage app:8.8 -> 200 OK, 2 failures: ImageNotFound, ImageNotFound");
            assertThat(fake.calls().get(0).failureCodes()).containsExactly("ImageNotFound");
        }
    }

    @Test
    void everyCallIsRecordedWithItsMembersOutcomeAndRequestId() {
        try (FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC)) {
            EcrClient ecr = fake.client();
            Instant before = Instant.now();
            ecr.createRepository(r -> r.repositoryName("app"));
            PutImageResponse put = ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.oci("x")));
            RepositoryNotFoundException missing = catchThrowableOfType(RepositoryNotFoundException.class,
                    () -> ecr.batchGetImage(r -> r.repositoryName("gone").imageIds(i -> i.imageTag("v1"))));

            List<Call> calls = fake.calls();

            assertThat(calls).extracting(Call::operation).containsExactly("CreateRepository", "PutImage", "BatchGetImage");
            Call putCall = calls.get(1);
            assertThat(putCall.succeeded()).isTrue();
            assertThat(putCall.status()).isEqualTo(200);
            assertThat(putCall.errorCode()).isNull();
            assertThat(putCall.injected()).isFalse();
            assertThat(putCall.time()).isBetween(before, Instant.now());
            assertThat(putCall.request().members()).containsEntry("repositoryName", "app").containsEntry("imageTag", "v1")
                    .containsEntry("imageManifest", Manifests.oci("x"));
            Call failed = calls.get(2);
            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.status()).isEqualTo(400);
            assertThat(failed.errorCode()).isEqualTo("RepositoryNotFoundException");
            assertThat(failed.requestId()).isEqualTo(missing.requestId());
            assertThat(failed.request().imageTag()).as("the first of imageIds").isEqualTo("v1");
            assertThat(failed.request().member("imageIds")).isEqualTo(List.of(Map.of("imageTag", "v1")));
            assertThat(fake.calls("PutImage")).containsExactly(putCall);
            assertThat(put.image()).isNotNull();
        }
    }

    @Test
    void eachScopeSeesOnlyItsOwnCalls() {
        try (FakeEcr a = server.account("111111111111", "us-east-1");
             FakeEcr b = server.account("222222222222", "us-east-1");
             FakeEcr aElsewhere = server.account("111111111111", "eu-west-1")) {
            a.client().describeRepositories();
            b.client().createRepository(r -> r.repositoryName("bb"));
            b.client().describeRepositories();

            assertThat(a.calls()).hasSize(1);
            assertThat(b.calls()).hasSize(2);
            assertThat(aElsewhere.calls()).isEmpty();
        }
    }

    @Test
    void theJournalIsBoundedAndSaysWhatItDropped() {
        try (FakeEcrServer server = FakeEcrServer.builder().journalCapacity(3).start();
             FakeEcr fake = server.account("111111111111", "us-east-1", RegistryConfig.DEFAULTS)) {
            for (int i = 0; i < 5; i++) {
                String name = "repo" + i;
                fake.client().createRepository(r -> r.repositoryName(name));
            }

            assertThat(fake.calls()).hasSize(3)
                    .extracting(c -> c.request().repositoryName()).containsExactly("repo2", "repo3", "repo4");
            assertThat(fake.describeCalls()).startsWith("  (2 earlier calls dropped)")
                    .contains("3. CreateRepository repo2 -> 200 OK");
        }
    }

    @Test
    void longMembersAreCutInTheJournalButNotInTheRegistry() {
        try (FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC)) {
            fake.createRepository("app");
            String big = Manifests.dockerV2("big");
            String manifest = big.substring(0, big.length() - 1) + ",\"pad\":\"" + "x".repeat(100_000) + "\"}";

            fake.client().putImage(r -> r.repositoryName("app").imageTag("big").imageManifest(manifest));

            String recorded = (String) fake.calls().get(0).request().member("imageManifest");
            assertThat(recorded).hasSizeLessThan(17_000).endsWith("…(" + manifest.length() + " characters)");
            assertThat(fake.image("app", "big")).get().satisfies(i -> assertThat(i.manifest()).isEqualTo(manifest));
        }
    }

    @Test
    void aCallReadsAsOneLine() {
        try (FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC)) {
            fake.createRepository("app");
            fake.onCall("PutImage").failWith("ServerException");
            catchThrowableOfType(RuntimeException.class, () -> fake.clientBuilder()
                    .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build()
                    .putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.oci("x"))));

            assertThat(fake.calls().get(0)).hasToString("PutImage app:v1 -> 500 ServerException (injected)");
        }
    }
}
