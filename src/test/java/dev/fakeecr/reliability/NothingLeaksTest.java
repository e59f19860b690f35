package dev.fakeecr.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.Manifests;
import dev.fakeecr.registry.RegistryConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Many short-lived accounts, as a suite's tests use them: closing each releases everything it held. */
class NothingLeaksTest {
    @Test
    void closedHandlesLeaveNoStateBehind() {
        try (FakeEcrServer server = FakeEcrServer.start()) {
            try (FakeEcr longLived = server.account("999999999999", "us-east-1")) {
                for (int test = 0; test < 300; test++) {
                    try (FakeEcr fake = server.account(String.valueOf(100_000_000_000L + test), "us-east-1",
                            RegistryConfig.DEFAULTS.withLayerChecks(false))) {
                        EcrClient ecr = fake.client();
                        ecr.createRepository(r -> r.repositoryName("app"));
                        ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.dockerV2("x")));
                        String upload = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId(); // never completed
                        ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(upload).partFirstByte(0L).partLastByte(2L)
                                .layerPartBlob(SdkBytes.fromUtf8String("abc")));
                        fake.onCall("ListImages").failWith("ServerException");
                        assertThat(fake.calls()).hasSize(4);
                    }
                }
                assertThat(server.accountsHeld()).as("only the open handle's account").isEqualTo(1);
            }
            assertThat(server.accountsHeld()).isZero();
        }
    }

    @Test
    void aClosedHandleBuildsNoClientThatNothingWouldClose() {
        try (FakeEcrServer server = FakeEcrServer.start()) {
            FakeEcr used = server.account("111111111111", "us-east-1");
            EcrClient client = used.client();
            used.close();
            assertThat(used.client()).as("the client built before close, now closed").isSameAs(client);

            FakeEcr unused = server.account("222222222222", "us-east-1");
            unused.close();
            assertThatIllegalStateException().isThrownBy(unused::client).withMessage("this FakeEcr handle is closed");
            assertThatIllegalStateException().isThrownBy(unused::asyncClient);
        }
    }
}
