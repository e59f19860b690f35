package dev.fakeecr;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.junit.FakeEcrExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.KmsException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ServerException;

/** The README's code, compiled and run here (ReadmeTest checks that the README still says the same). */
class ReadmeExamplesTest {
    @RegisterExtension
    static FakeEcrExtension ecr = FakeEcrExtension.builder()
            .region("eu-west-1")              // default us-east-1
            .repositories("app", "team/base") // created before each test
            .maxImagesPerRepository(3)        // ECR's quota is 100,000; lower it to reach LimitExceededException
            .accountId("111122223333")        // default: a fresh account per test
            .lenientFaults()                  // default: a fault rule that never fired fails the test
            .withoutLayerChecks()             // default: PutImage requires uploaded layers, as ECR does
            .build();

    @Test
    void configuration(FakeEcr fake, EcrClient client) {
        assertThat(fake.accountId()).isEqualTo("111122223333");
        assertThat(fake.region()).isEqualTo("eu-west-1");
        assertThat(fake.repositories()).extracting(r -> r.name()).containsExactly("app", "team/base");
        for (int i = 0; i < 3; i++) {
            fake.putImage("app", "v" + i, Manifests.dockerV2("quota" + i));
        }
        assertThat(catchThrowable(() -> client.putImage(r -> r.repositoryName("app").imageTag("v3")
                .imageManifest(Manifests.dockerV2("quota3"))))).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void errorSimulation(FakeEcr fake, EcrClient client) {
        fake.onCall("PutImage").times(2).failWith(ServerException.class);          // 500: the SDK retries
        fake.onCall("PutImage").forRepository("app").forTag("latest").failWith("ImageTagAlreadyExistsException");
        fake.onCall("CreateRepository").failWith(KmsException.class, "KMS key is disabled");
        fake.onCall("DescribeImages").where(r -> r.member("nextToken") != null).throttle();
        fake.onCall("ListImages").failWith("AccessDeniedException", "User: ci is not authorized"); // any AWS error
        fake.onCall("BatchGetImage").delay(Duration.ofSeconds(2));                 // then answers normally
        fake.onCall("PutImage").answerNormally();                                  // the first call passes,
        fake.onCall("PutImage").resetConnection();                                 // the second finds the connection reset

        assertThat(fake.faultRules()).hasSize(8);
        assertThat(catchThrowable(() -> client.listImages(r -> r.repositoryName("app"))))
                .isInstanceOf(EcrException.class).hasMessageStartingWith("User: ci is not authorized");
        assertThat(catchThrowable(() -> client.createRepository(r -> r.repositoryName("secret"))))
                .isInstanceOf(KmsException.class);
        client.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.dockerV2("x")));
        assertThat(fake.faultRules()).extracting(FaultRule::timesFired).containsExactly(2, 0, 1, 0, 1, 0, 1, 0); // the third PutImage passed by answerNormally
    }

    @Test
    void replication(FakeEcr fake, EcrClient ecr) {
        String manifest = Manifests.dockerV2("replicated");
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule -> rule
                .destinations(d -> d.region("us-west-2").registryId(fake.accountId())))));
        fake.putImage("app", "1.0", manifest);
        assertThat(fake).hasReplicated("app", "1.0", "us-west-2", fake.accountId())
                .region("us-west-2").repository("app").hasTag("1.0");
    }

    @Test
    void withoutJunit() {
        try (FakeEcrServer server = FakeEcrServer.start();
             FakeEcr ecr = server.account("111122223333", "eu-west-1")) {
            ecr.client().createRepository(r -> r.repositoryName("app"));
            assertThat(ecr.repository("app")).isPresent();
        }
    }
}
