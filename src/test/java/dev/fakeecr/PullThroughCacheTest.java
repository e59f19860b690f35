package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.TagMutability;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRule;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.UnableToGetUpstreamImageException;
import software.amazon.awssdk.services.ecr.model.UnsupportedUpstreamRegistryException;

/** Pull through cache rules, and pulls that cache from an upstream the test fills. */
class PullThroughCacheTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().build();

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final String DOCKER_HUB = "registry-1.docker.io";

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        fake.clock().set(NOW);
    }

    private String credential() {
        return "arn:aws:secretsmanager:us-east-1:" + fake.accountId() + ":secret:ecr-pullthroughcache/docker-hub-abc";
    }

    private void dockerHubRule() {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl(DOCKER_HUB)
                .credentialArn(credential()));
    }

    private BatchGetImageResponse pull(String repository, String tag) {
        return ecr.batchGetImage(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(tag)));
    }

    @Test
    void aRuleIsCreatedDescribedUpdatedValidatedAndDeleted() {
        var created = ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl(DOCKER_HUB).credentialArn(credential()));

        assertThat(created.ecrRepositoryPrefix()).isEqualTo("docker-hub");
        assertThat(created.upstreamRegistryAsString()).isEqualTo("docker-hub");
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.registryId()).isEqualTo(fake.accountId());
        PullThroughCacheRule described = ecr.describePullThroughCacheRules(r -> { }).pullThroughCacheRules().get(0);
        assertThat(described.upstreamRegistryUrl()).isEqualTo(DOCKER_HUB);
        assertThat(described.credentialArn()).isEqualTo(credential());
        assertThat(described.upstreamRepositoryPrefix()).isEqualTo("ROOT");
        assertThat(described.registryId()).isEqualTo(fake.accountId());

        String newCredential = credential() + "-2";
        assertThat(ecr.updatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub").credentialArn(newCredential))
                .credentialArn()).isEqualTo(newCredential);
        var valid = ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub"));
        assertThat(valid.isValid()).isTrue();
        assertThat(valid.failure()).isNull();
        fake.setUpstreamReachable(DOCKER_HUB, false);
        var invalid = ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub"));
        assertThat(invalid.isValid()).isFalse();
        assertThat(invalid.failure()).isEqualTo("Unable to connect to the upstream registry 'registry-1.docker.io'");

        assertThat(ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub")).upstreamRegistryUrl())
                .isEqualTo(DOCKER_HUB);
        assertEcrError(catchThrowable(() -> ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub"))),
                PullThroughCacheRuleNotFoundException.class, "PullThroughCacheRuleNotFoundException",
                "Pull through cache rule with prefix 'docker-hub' does not exist in the registry with id '"
                        + fake.accountId() + "'");
    }

    @Test
    void rulesEcrRefusesAreRefusedAndNothingIsStored() {
        dockerHubRule();
        assertEcrError(catchThrowable(this::dockerHubRule), PullThroughCacheRuleAlreadyExistsException.class,
                "PullThroughCacheRuleAlreadyExistsException", "Pull through cache rule with prefix 'docker-hub' already"
                        + " exists in the registry with id '" + fake.accountId() + "'");
        assertEcrError(catchThrowable(() -> ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("mirror")
                        .upstreamRegistryUrl("registry.example.com"))),
                UnsupportedUpstreamRegistryException.class, "UnsupportedUpstreamRegistryException",
                "The specified upstream registry 'registry.example.com' is not supported.");
        assertInvalidParameter(catchThrowable(() -> ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("ghcr")
                        .upstreamRegistryUrl("ghcr.io"))),
                "Invalid parameter at 'credentialArn' failed to satisfy constraint: 'A credential ARN is required for the"
                        + " upstream registry 'github-container-registry''");
        assertInvalidParameter(catchThrowable(() -> ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("a")
                        .upstreamRegistryUrl("public.ecr.aws"))),
                "Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'must have length greater than"
                        + " or equal to 2'");
        assertInvalidParameter(catchThrowable(() -> ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("ROOT")
                        .upstreamRegistryUrl("public.ecr.aws"))),
                "Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'The ROOT prefix is only"
                        + " supported for an Amazon ECR upstream registry'");
        assertEcrError(catchThrowable(() -> ecr.describePullThroughCacheRules(r -> r.ecrRepositoryPrefixes("quay"))),
                PullThroughCacheRuleNotFoundException.class, "PullThroughCacheRuleNotFoundException",
                "Pull through cache rule with prefix 'quay' does not exist in the registry with id '" + fake.accountId() + "'");
        assertThat(ecr.describePullThroughCacheRules(r -> { }).pullThroughCacheRules())
                .extracting(PullThroughCacheRule::ecrRepositoryPrefix).containsExactly("docker-hub");
    }

    @Test
    void aPullCreatesTheRepositoryFromTheTemplateAndCachesTheImage() {
        dockerHubRule();
        ecr.createRepositoryCreationTemplate(r -> r.prefix("docker-hub").appliedFor(RCTAppliedFor.PULL_THROUGH_CACHE)
                .imageTagMutability(ImageTagMutability.IMMUTABLE));
        String manifest = Manifests.dockerV2("alpine-3.20");
        fake.putUpstreamImage(DOCKER_HUB, "library/alpine", "3.20", manifest);

        BatchGetImageResponse pulled = pull("docker-hub/library/alpine", "3.20");

        assertThat(pulled.images()).singleElement().satisfies(i -> {
            assertThat(i.imageManifest()).isEqualTo(manifest);
            assertThat(i.imageId().imageDigest()).isEqualTo(Digests.of(manifest));
        });
        RepositoryInfo cache = fake.repository("docker-hub/library/alpine").orElseThrow();
        assertThat(cache.tagMutability()).as("the template applied").isEqualTo(TagMutability.IMMUTABLE);
        assertThat(fake.image("docker-hub/library/alpine", "3.20").orElseThrow().lastRecordedPullTime()).isEqualTo(NOW);
        assertThat(pull("docker-hub/library/alpine", "3.20").images()).as("served from the cache").hasSize(1);
    }

    @Test
    void anImageMissingUpstreamIsUnableToGetUpstreamImageAndCreatesNothing() {
        dockerHubRule();

        assertEcrError(catchThrowable(() -> pull("docker-hub/library/alpine", "9.99")),
                UnableToGetUpstreamImageException.class, "UnableToGetUpstreamImageException",
                "The image 'library/alpine:9.99' could not be pulled from the upstream registry 'registry-1.docker.io'");
        assertThat(fake.repository("docker-hub/library/alpine")).isEmpty();

        fake.putUpstreamImage(DOCKER_HUB, "library/alpine", "9.99", Manifests.dockerV2("x"));
        fake.setUpstreamReachable(DOCKER_HUB, false);
        assertThat(catchThrowable(() -> pull("docker-hub/library/alpine", "9.99")))
                .isInstanceOf(UnableToGetUpstreamImageException.class);
    }

    @Test
    void aRepositoryNoRuleCoversIsStillNotFound() {
        dockerHubRule();

        assertThat(catchThrowable(() -> pull("quay/coreos/etcd", "1"))).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void anEcrUpstreamIsAnotherAccountOfTheSameServer() {
        FakeEcr upstream = fake.account("444455556666", "us-east-1");
        upstream.createRepository("base/java");
        String manifest = Manifests.oci("java-21");
        upstream.putImage("base/java", "21", manifest);
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("central")
                .upstreamRegistryUrl("444455556666.dkr.ecr.us-east-1.amazonaws.com").upstreamRepositoryPrefix("base"));

        assertThat(pull("central/java", "21").images()).singleElement()
                .satisfies(i -> assertThat(i.imageManifest()).isEqualTo(manifest));
        assertThat(ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("central")).isValid()).isTrue();
    }
}
