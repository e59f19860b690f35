package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.TagMutability;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryCreationTemplateRequest;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TemplateAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;

/** Repository creation templates: stored, and applied to the repositories replication creates. */
class CreationTemplateTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("prod/team/api", "prod/web", "misc").build();

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        fake.clock().set(NOW);
    }

    @Test
    void aTemplateIsCreatedDescribedUpdatedAndDeleted() {
        RepositoryCreationTemplate created = ecr.createRepositoryCreationTemplate(r -> r.prefix("prod")
                .description("production").appliedFor(RCTAppliedFor.REPLICATION)
                .imageTagMutability(ImageTagMutability.IMMUTABLE)
                .resourceTags(Tag.builder().key("env").value("prod").build())).repositoryCreationTemplate();

        assertThat(created.prefix()).isEqualTo("prod");
        assertThat(created.appliedFor()).containsExactly(RCTAppliedFor.REPLICATION);
        assertThat(created.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(created.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.updatedAt()).isEqualTo(NOW);

        fake.clock().advance(java.time.Duration.ofMinutes(5));
        RepositoryCreationTemplate updated = ecr.updateRepositoryCreationTemplate(r -> r.prefix("prod")
                .description("changed")).repositoryCreationTemplate();

        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.imageTagMutability()).as("kept").isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(updated.createdAt()).isEqualTo(NOW);
        assertThat(updated.updatedAt()).isEqualTo(NOW.plusSeconds(300));
        var described = ecr.describeRepositoryCreationTemplates(r -> { });
        assertThat(described.registryId()).isEqualTo(fake.accountId());
        assertThat(described.repositoryCreationTemplates()).containsExactly(updated);

        assertThat(ecr.deleteRepositoryCreationTemplate(r -> r.prefix("prod")).repositoryCreationTemplate())
                .isEqualTo(updated);
        assertThat(ecr.describeRepositoryCreationTemplates(r -> { }).repositoryCreationTemplates()).isEmpty();
    }

    @Test
    void missingAndDuplicateTemplatesAreRefused() {
        String account = fake.accountId();
        assertEcrError(catchThrowable(() -> ecr.deleteRepositoryCreationTemplate(r -> r.prefix("prod"))),
                TemplateNotFoundException.class, "TemplateNotFoundException",
                "Repository creation template with prefix 'prod' does not exist in the registry with id '" + account + "'");
        assertEcrError(catchThrowable(() -> ecr.updateRepositoryCreationTemplate(r -> r.prefix("prod").description("x"))),
                TemplateNotFoundException.class, "TemplateNotFoundException",
                "Repository creation template with prefix 'prod' does not exist in the registry with id '" + account + "'");
        ecr.createRepositoryCreationTemplate(r -> r.prefix("ROOT").appliedFor(RCTAppliedFor.REPLICATION));
        assertEcrError(catchThrowable(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix("ROOT")
                        .appliedFor(RCTAppliedFor.PULL_THROUGH_CACHE))),
                TemplateAlreadyExistsException.class, "TemplateAlreadyExistsException",
                "Repository creation template with prefix 'ROOT' already exists in the registry with id '" + account + "'");
    }

    @Test
    void invalidTemplatesAreRefusedAndNothingIsStored() {
        assertInvalidParameter(catchThrowable(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix("prod"))),
                "Invalid parameter at 'appliedFor' failed to satisfy constraint: 'must not be null'");
        assertInvalidParameter(catchThrowable(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix("Prod")
                        .appliedFor(RCTAppliedFor.REPLICATION))),
                "Invalid parameter at 'prefix' failed to satisfy constraint: 'must satisfy regular expression"
                        + " '^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$''");
        assertInvalidParameter(catchThrowable(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix("prod")
                        .appliedFor(RCTAppliedFor.REPLICATION).repositoryPolicy("not json"))),
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        assertInvalidParameter(catchThrowable(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix("prod")
                        .appliedFor(RCTAppliedFor.REPLICATION).imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION))),
                "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint:"
                        + " 'must not be empty when imageTagMutability is IMMUTABLE_WITH_EXCLUSION'");
        assertThat(catchThrowable(() -> ecr.createRepositoryCreationTemplate(CreateRepositoryCreationTemplateRequest
                        .builder().prefix("prod").appliedForWithStrings("EVERYTHING").build())))
                .isInstanceOf(software.amazon.awssdk.services.ecr.model.InvalidParameterException.class);
        assertThat(ecr.describeRepositoryCreationTemplates(r -> { }).repositoryCreationTemplates()).isEmpty();
    }

    @Test
    void replicationCreatesRepositoriesFromTheLongestMatchingTemplateElseRoot() {
        FakeEcr europe = fake.region("eu-west-1");
        EcrClient eu = europe.client();
        eu.createRepositoryCreationTemplate(r -> r.prefix("ROOT").appliedFor(RCTAppliedFor.REPLICATION)
                .resourceTags(Tag.builder().key("from").value("root").build()));
        eu.createRepositoryCreationTemplate(r -> r.prefix("prod").appliedFor(RCTAppliedFor.REPLICATION)
                .imageTagMutability(ImageTagMutability.IMMUTABLE)
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS)
                        .kmsKey("arn:aws:kms:eu-west-1:" + fake.accountId() + ":key/abc-123"))
                .repositoryPolicy(PolicyOperationsTest.POLICY)
                .lifecyclePolicy(PolicyOperationsTest.LIFECYCLE)
                .resourceTags(Tag.builder().key("from").value("prod").build()));
        eu.createRepositoryCreationTemplate(r -> r.prefix("prod/team").appliedFor(RCTAppliedFor.REPLICATION)
                .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("release-*")));
        eu.createRepositoryCreationTemplate(r -> r.prefix("misc").appliedFor(RCTAppliedFor.PULL_THROUGH_CACHE)
                .imageTagMutability(ImageTagMutability.IMMUTABLE));
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule -> rule
                .destinations(d -> d.region("eu-west-1").registryId(fake.accountId())))));

        fake.putImage("prod/team/api", "1", Manifests.dockerV2("team"));
        fake.putImage("prod/web", "1", Manifests.dockerV2("web"));
        fake.putImage("misc", "1", Manifests.dockerV2("misc"));

        RepositoryInfo team = europe.repository("prod/team/api").orElseThrow();
        assertThat(team.tagMutability()).as("prod/team is longer than prod").isEqualTo(TagMutability.MUTABLE_WITH_EXCLUSION);
        assertThat(team.exclusionFilters()).extracting(f -> f.filter()).containsExactly("release-*");
        RepositoryInfo web = europe.repository("prod/web").orElseThrow();
        assertThat(web.tagMutability()).isEqualTo(TagMutability.IMMUTABLE);
        assertThat(web.encryptionType()).isEqualTo("KMS");
        assertThat(web.kmsKey()).isEqualTo("arn:aws:kms:eu-west-1:" + fake.accountId() + ":key/abc-123");
        assertThat(web.tags()).containsExactly(new ResourceTag("from", "prod"));
        dev.fakeecr.assertj.EcrAssertions.assertThat(fake).region("eu-west-1").repository("prod/web")
                .hasImmutableTags().hasEncryptionType("KMS").hasResourceTag("from", "prod");
        assertThat(catchThrowable(() -> dev.fakeecr.assertj.EcrAssertions.assertThat(fake).region("eu-west-1")
                .repository("prod/web").hasResourceTag("from", "root")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("its tags are");
        assertThat(eu.getRepositoryPolicy(r -> r.repositoryName("prod/web")).policyText()).isEqualTo(PolicyOperationsTest.POLICY);
        assertThat(eu.getLifecyclePolicy(r -> r.repositoryName("prod/web")).lifecyclePolicyText())
                .isEqualTo(PolicyOperationsTest.LIFECYCLE);
        RepositoryInfo misc = europe.repository("misc").orElseThrow();
        assertThat(misc.tagMutability()).as("misc's template is for pull through cache; ROOT applies")
                .isEqualTo(TagMutability.MUTABLE);
        assertThat(misc.tags()).containsExactly(new ResourceTag("from", "root"));
    }

    @Test
    void withoutATemplateReplicationCreatesRepositoriesWithEcrsDefaults() {
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule -> rule
                .destinations(d -> d.region("eu-west-1").registryId(fake.accountId())))));
        fake.putImage("misc", "1", Manifests.dockerV2("misc"));

        RepositoryInfo misc = fake.region("eu-west-1").repository("misc").orElseThrow();
        assertThat(misc.tagMutability()).isEqualTo(TagMutability.MUTABLE);
        assertThat(misc.encryptionType()).isEqualTo("AES256");
        assertThat(misc.tags()).isEmpty();
    }
}
