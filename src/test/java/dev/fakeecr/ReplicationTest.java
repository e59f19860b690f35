package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.assertj.EcrAssertions;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.TagMutability;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;
import software.amazon.awssdk.services.ecr.model.ReplicationDestination;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;
import software.amazon.awssdk.services.ecr.model.ReplicationStatus;
import software.amazon.awssdk.services.ecr.model.RepositoryFilterType;

/** Replication that replicates: PutReplicationConfiguration, DescribeRegistry, DescribeImageReplicationStatus. */
class ReplicationTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("prod/api", "dev/api").build();

    private static final String OTHER_ACCOUNT = "999988887777";

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
    }

    private ReplicationDestination to(String region) {
        return ReplicationDestination.builder().region(region).registryId(fake.accountId()).build();
    }

    private ReplicationRule rule(ReplicationDestination destination, String... prefixes) {
        ReplicationRule.Builder rule = ReplicationRule.builder().destinations(destination);
        if (prefixes.length > 0) {
            rule.repositoryFilters(IntStream.range(0, prefixes.length).mapToObj(i -> software.amazon.awssdk.services.ecr
                    .model.RepositoryFilter.builder().filter(prefixes[i]).filterType(RepositoryFilterType.PREFIX_MATCH)
                    .build()).toList());
        }
        return rule.build();
    }

    private List<ImageReplicationStatus> statuses(String repository, String tag) {
        return ecr.describeImageReplicationStatus(r -> r.repositoryName(repository).imageId(i -> i.imageTag(tag)))
                .replicationStatuses();
    }

    @Test
    void aNewRegistryHasNoReplicationRules() {
        var registry = ecr.describeRegistry(r -> { });

        assertThat(registry.registryId()).isEqualTo(fake.accountId());
        assertThat(registry.replicationConfiguration().rules()).isEmpty();
    }

    @Test
    void theConfigurationIsEchoedAndDescribed() {
        var put = ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(to("eu-west-1"), "prod"))));

        assertThat(put.replicationConfiguration().rules()).containsExactly(rule(to("eu-west-1"), "prod"));
        assertThat(ecr.describeRegistry(r -> { }).replicationConfiguration().rules())
                .containsExactly(rule(to("eu-west-1"), "prod"));
    }

    @Test
    void aPushIsCopiedToTheDestinationRegionWithItsRepositoryTagAndLayers() throws Exception {
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(to("eu-west-1")))));
        byte[] layer = "the layer's bytes".getBytes(StandardCharsets.UTF_8);
        byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        String layerDigest = upload("prod/api", layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + upload("prod/api", config) + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":" + layer.length + ",\"digest\":\""
                + layerDigest + "\"}]}";

        ecr.putImage(r -> r.repositoryName("prod/api").imageTag("1.0").imageManifest(manifest));

        FakeEcr europe = fake.region("eu-west-1");
        ImageInfo copy = europe.image("prod/api", "1.0").orElseThrow();
        assertThat(copy.digest()).isEqualTo(Digests.of(manifest));
        assertThat(copy.manifest()).isEqualTo(manifest);
        assertThat(europe.repository("prod/api").orElseThrow().tagMutability()).isEqualTo(TagMutability.MUTABLE);
        assertThat(statuses("prod/api", "1.0")).singleElement().satisfies(s -> {
            assertThat(s.region()).isEqualTo("eu-west-1");
            assertThat(s.registryId()).isEqualTo(fake.accountId());
            assertThat(s.status()).isEqualTo(ReplicationStatus.COMPLETE);
            assertThat(s.failureCode()).isNull();
        });
        String url = europe.client().getDownloadUrlForLayer(r -> r.repositoryName("prod/api").layerDigest(layerDigest))
                .downloadUrl();
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).as("the layer's bytes came along").isEqualTo(layer);
    }

    private String upload(String repository, byte[] bytes) {
        String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName(repository)).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName(repository).uploadId(uploadId).partFirstByte(0L)
                .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
        return ecr.completeLayerUpload(r -> r.repositoryName(repository).uploadId(uploadId)
                .layerDigests(Digests.of(bytes))).layerDigest();
    }

    @Test
    void onlyRepositoriesMatchingAPrefixFilterAreCopied() {
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(to("eu-west-1"), "prod"))));

        fake.putImage("prod/api", "1", Manifests.dockerV2("prod"));
        fake.putImage("dev/api", "1", Manifests.dockerV2("dev"));

        FakeEcr europe = fake.region("eu-west-1");
        assertThat(europe.repositories()).extracting(r -> r.name()).containsExactly("prod/api");
        assertThat(statuses("dev/api", "1")).isEmpty();
        EcrAssertions.assertThat(fake).hasReplicated("prod/api", "1", "eu-west-1", fake.accountId())
                .region("eu-west-1").hasOnlyRepositories("prod/api").repository("prod/api").hasTag("1");
        assertThatThrownBy(() -> EcrAssertions.assertThat(fake).hasReplicated("dev/api", "1", "eu-west-1", fake.accountId()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("its status there is <null>");
    }

    @Test
    void imagesPushedBeforeTheConfigurationAreNotCopiedAndATagMovesInTheCopy() {
        fake.putImage("prod/api", "1", Manifests.dockerV2("before"));
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(to("eu-west-1")))));
        fake.putImage("prod/api", "2", Manifests.dockerV2("after"));
        fake.putImage("prod/api", "2", Manifests.dockerV2("after-again"));

        FakeEcr europe = fake.region("eu-west-1");
        assertThat(europe.image("prod/api", "1")).isEmpty();
        assertThat(europe.image("prod/api", "2").orElseThrow().digest())
                .isEqualTo(Digests.of(Manifests.dockerV2("after-again")));
        assertThat(statuses("prod/api", "1")).isEmpty();
    }

    @Test
    void aHeldReplicationStaysInProgressUntilReleased() {
        FakeEcr europe = fake.region("eu-west-1");
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(to("eu-west-1")))));
        fake.holdReplication();

        fake.putImage("prod/api", "1", Manifests.dockerV2("held"));

        assertThat(statuses("prod/api", "1")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ReplicationStatus.IN_PROGRESS));
        assertThat(europe.repository("prod/api")).isEmpty();

        fake.releaseReplication();

        assertThat(statuses("prod/api", "1")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ReplicationStatus.COMPLETE));
        assertThat(europe.image("prod/api", "1")).isPresent();
    }

    @Test
    void aDestinationTheTestFailsReportsFailedAndReceivesNothing() {
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(
                rule(to("eu-west-1")), rule(to("ap-south-1")))));
        fake.failReplicationTo("ap-south-1", fake.accountId(), "KMS_KEY_DISABLED");

        fake.putImage("prod/api", "1", Manifests.dockerV2("x"));

        assertThat(statuses("prod/api", "1")).extracting(ImageReplicationStatus::region, ImageReplicationStatus::status,
                        ImageReplicationStatus::failureCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("eu-west-1", ReplicationStatus.COMPLETE, null),
                        org.assertj.core.groups.Tuple.tuple("ap-south-1", ReplicationStatus.FAILED, "KMS_KEY_DISABLED"));
        assertThat(fake.region("ap-south-1").repositories()).isEmpty();
    }

    @Test
    void crossAccountReplicationNeedsTheDestinationsRegistryPolicy() {
        FakeEcr other = fake.account(OTHER_ACCOUNT, "us-east-1");
        ReplicationDestination destination = ReplicationDestination.builder().region("us-east-1")
                .registryId(OTHER_ACCOUNT).build();
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(destination))));

        fake.putImage("prod/api", "1", Manifests.dockerV2("denied"));
        assertThat(statuses("prod/api", "1")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ReplicationStatus.FAILED);
            assertThat(s.failureCode()).isEqualTo("ACCESS_DENIED");
        });
        assertThat(other.repositories()).isEmpty();

        other.client().putRegistryPolicy(r -> r.policyText(RegistrySettingsTest.POLICY));
        fake.putImage("prod/api", "2", Manifests.dockerV2("allowed"));

        assertThat(statuses("prod/api", "2")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ReplicationStatus.COMPLETE));
        assertThat(other.image("prod/api", "2")).isPresent();
    }

    @Test
    void aManifestListIsCopiedWithTheImagesItNames() {
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(to("eu-west-1")))));
        ImageInfo amd = fake.putImage("prod/api", null, Manifests.dockerV2("amd64"), null);
        ImageInfo arm = fake.putImage("prod/api", null, Manifests.dockerV2("arm64"), null);

        fake.putImage("prod/api", "multi", Manifests.dockerManifestList(amd.digest(), arm.digest()));

        FakeEcr europe = fake.region("eu-west-1");
        assertThat(europe.images("prod/api")).extracting(ImageInfo::digest)
                .contains(amd.digest(), arm.digest(), Digests.of(Manifests.dockerManifestList(amd.digest(), arm.digest())));
    }

    @Test
    void aDestinationThatRefusesTheCopyReportsFailed() {
        FakeEcr europe = fake.region("eu-west-1");
        europe.createRepository(dev.fakeecr.registry.RepositorySettings.named("prod/api")
                .withTagMutability(TagMutability.IMMUTABLE, null));
        europe.putImage("prod/api", "1", Manifests.dockerV2("theirs"));
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule(to("eu-west-1")))));

        fake.putImage("prod/api", "1", Manifests.dockerV2("ours"));

        assertThat(statuses("prod/api", "1")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ReplicationStatus.FAILED);
            assertThat(s.failureCode()).isEqualTo("ImageTagAlreadyExistsException");
        });
        assertThat(europe.image("prod/api", "1").orElseThrow().digest()).isEqualTo(Digests.of(Manifests.dockerV2("theirs")));
    }

    @Test
    void configurationsEcrRefusesChangeNothing() {
        assertInvalidParameter(catchThrowable(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(
                        c -> c.rules(rule(to("us-east-1")))))),
                "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'Replication destination"
                        + " cannot be the source registry (region 'us-east-1', registry '" + fake.accountId() + "')'");
        assertInvalidParameter(catchThrowable(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(
                        c -> c.rules(rule(to("EU_WEST")))))),
                "Invalid parameter at 'replicationConfiguration.rules.member.destinations.member.region' failed to"
                        + " satisfy constraint: 'must satisfy regular expression '[0-9a-z-]{2,25}''");
        assertInvalidParameter(catchThrowable(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(
                        c -> c.rules(rule(to("eu-west-1"), "Prod"))))),
                "Invalid parameter at 'replicationConfiguration.rules.member.repositoryFilters.member.filter' failed to"
                        + " satisfy constraint: 'must satisfy regular expression"
                        + " '^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$''");
        List<ReplicationDestination> many = IntStream.range(0, 26)
                .mapToObj(i -> ReplicationDestination.builder().region("eu-west-1")
                        .registryId(String.format("1000000000%02d", i)).build()).toList();
        assertInvalidParameter(catchThrowable(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(
                        c -> c.rules(ReplicationRule.builder().destinations(many).build())))),
                "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'The number of unique"
                        + " destinations must be less than or equal to 25'");
        List<ReplicationRule> eleven = IntStream.range(0, 11).mapToObj(i -> rule(to("eu-west-1"))).toList();
        assertInvalidParameter(catchThrowable(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(
                        c -> c.rules(eleven)))),
                "Invalid parameter at 'replicationConfiguration.rules' failed to satisfy constraint: 'must have length"
                        + " less than or equal to 10'");
        assertThat(ecr.describeRegistry(r -> { }).replicationConfiguration().rules()).isEmpty();
    }

    @Test
    void theStatusOfAMissingImageIsImageNotFound() {
        assertEcrError(catchThrowable(() -> statuses("prod/api", "nope")), ImageNotFoundException.class,
                "ImageNotFoundException", "The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist"
                        + " within the repository with name 'prod/api' in the registry with id '" + fake.accountId() + "'");
    }

    @Test
    void destinationsReplicationCreatedGoWithTheSourcesHandle() {
        try (FakeEcrServer server = FakeEcrServer.start()) {
            FakeEcr source = server.account("123412341234", "us-east-1");
            source.createRepository("app");
            source.client().putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule -> rule
                    .destinations(d -> d.region("eu-west-1").registryId("123412341234")))));
            source.putImage("app", "1", Manifests.dockerV2("kept"));
            assertThat(server.accountsHeld()).isEqualTo(2);

            source.close();

            assertThat(server.accountsHeld()).isZero();
        }
    }
}
