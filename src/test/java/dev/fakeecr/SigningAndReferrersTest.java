package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.ImageInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ExclusionAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ExclusionNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageReferrer;
import software.amazon.awssdk.services.ecr.model.ImageSigningStatus;
import software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException;
import software.amazon.awssdk.services.ecr.model.SigningRepositoryFilterType;
import software.amazon.awssdk.services.ecr.model.SigningRule;
import software.amazon.awssdk.services.ecr.model.SigningStatus;

/** Managed signing, pull time update exclusions and image referrers. */
class SigningAndReferrersTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("prod/api", "dev/api").build();

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        fake.clock().set(NOW);
    }

    private String profile(String name) {
        return "arn:aws:signer:us-east-1:" + fake.accountId() + ":/signing-profiles/" + name;
    }

    private SigningRule rule(String profile, String... filters) {
        SigningRule.Builder rule = SigningRule.builder().signingProfileArn(profile);
        if (filters.length > 0) {
            rule.repositoryFilters(java.util.Arrays.stream(filters).map(f -> software.amazon.awssdk.services.ecr.model
                    .SigningRepositoryFilter.builder().filter(f).filterType(SigningRepositoryFilterType.WILDCARD_MATCH)
                    .build()).toList());
        }
        return rule.build();
    }

    private List<ImageSigningStatus> signing(String repository, String tag) {
        return ecr.describeImageSigningStatus(r -> r.repositoryName(repository).imageId(i -> i.imageTag(tag)))
                .signingStatuses();
    }

    @Test
    void aSigningConfigurationIsPutReadAndDeleted() {
        assertEcrError(catchThrowable(() -> ecr.getSigningConfiguration(r -> { })),
                SigningConfigurationNotFoundException.class, "SigningConfigurationNotFoundException",
                "Signing configuration does not exist in the registry with id '" + fake.accountId() + "'");

        var put = ecr.putSigningConfiguration(r -> r.signingConfiguration(c -> c.rules(rule(profile("prod"), "prod/*"))));

        assertThat(put.signingConfiguration().rules()).containsExactly(rule(profile("prod"), "prod/*"));
        assertThat(ecr.getSigningConfiguration(r -> { }).signingConfiguration().rules())
                .containsExactly(rule(profile("prod"), "prod/*"));
        assertThat(ecr.deleteSigningConfiguration(r -> { }).signingConfiguration().rules()).hasSize(1);
        assertThat(catchThrowable(() -> ecr.deleteSigningConfiguration(r -> { })))
                .isInstanceOf(SigningConfigurationNotFoundException.class);
    }

    @Test
    void invalidSigningConfigurationsAreRefused() {
        assertInvalidParameter(catchThrowable(() -> ecr.putSigningConfiguration(r -> r.signingConfiguration(
                        c -> c.rules(rule("arn:aws:signer:us-east-1:1:/signing-profiles/x"))))),
                "Invalid parameter at 'signingConfiguration.rules.member.signingProfileArn' failed to satisfy constraint:"
                        + " 'must satisfy regular expression '^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\\/signing-profiles\\/[a-zA-Z0-9_]{2,}$''");
        assertThat(catchThrowable(() -> ecr.getSigningConfiguration(r -> { })))
                .isInstanceOf(SigningConfigurationNotFoundException.class);
    }

    @Test
    void aMatchingPushIsInProgressUntilTheTestSetsTheOutcome() {
        ecr.putSigningConfiguration(r -> r.signingConfiguration(c -> c.rules(rule(profile("prod"), "prod/*"),
                rule(profile("all")))));

        fake.putImage("prod/api", "1", Manifests.dockerV2("prod"));
        fake.putImage("dev/api", "1", Manifests.dockerV2("dev"));

        assertThat(signing("prod/api", "1")).extracting(ImageSigningStatus::signingProfileArn, ImageSigningStatus::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(profile("prod"), SigningStatus.IN_PROGRESS),
                        org.assertj.core.groups.Tuple.tuple(profile("all"), SigningStatus.IN_PROGRESS));
        assertThat(signing("dev/api", "1")).extracting(ImageSigningStatus::signingProfileArn)
                .containsExactly(profile("all"));

        fake.setSigningStatus("prod/api", "1", profile("prod"), "COMPLETE");
        fake.setSigningFailure("prod/api", "1", profile("all"), "SIGNING_PROFILE_REVOKED", "The profile was revoked");

        assertThat(signing("prod/api", "1")).satisfiesExactly(
                s -> assertThat(s.status()).isEqualTo(SigningStatus.COMPLETE),
                s -> {
                    assertThat(s.status()).isEqualTo(SigningStatus.FAILED);
                    assertThat(s.failureCode()).isEqualTo("SIGNING_PROFILE_REVOKED");
                    assertThat(s.failureReason()).isEqualTo("The profile was revoked");
                });
    }

    @Test
    void withoutAConfigurationNothingIsSigned() {
        fake.putImage("prod/api", "1", Manifests.dockerV2("prod"));

        assertThat(signing("prod/api", "1")).isEmpty();
    }

    @Test
    void exclusionsAreRegisteredListedAndDeregistered() {
        String arn = "arn:aws:iam::" + fake.accountId() + ":role/scanner";

        var registered = ecr.registerPullTimeUpdateExclusion(r -> r.principalArn(arn));

        assertThat(registered.principalArn()).isEqualTo(arn);
        assertThat(registered.createdAt()).isEqualTo(NOW);
        assertThat(ecr.listPullTimeUpdateExclusions(r -> { }).pullTimeUpdateExclusions()).containsExactly(arn);
        assertEcrError(catchThrowable(() -> ecr.registerPullTimeUpdateExclusion(r -> r.principalArn(arn))),
                ExclusionAlreadyExistsException.class, "ExclusionAlreadyExistsException",
                "Pull time update exclusion for principal '" + arn + "' already exists in the registry with id '"
                        + fake.accountId() + "'");
        assertThat(ecr.deregisterPullTimeUpdateExclusion(r -> r.principalArn(arn)).principalArn()).isEqualTo(arn);
        assertEcrError(catchThrowable(() -> ecr.deregisterPullTimeUpdateExclusion(r -> r.principalArn(arn))),
                ExclusionNotFoundException.class, "ExclusionNotFoundException",
                "Pull time update exclusion for principal '" + arn + "' does not exist in the registry with id '"
                        + fake.accountId() + "'");
        assertInvalidParameter(catchThrowable(() -> ecr.registerPullTimeUpdateExclusion(r -> r.principalArn("scanner"))),
                "Invalid parameter at 'principalArn' failed to satisfy constraint: 'must satisfy regular expression"
                        + " '^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$''");
        assertThat(ecr.listPullTimeUpdateExclusions(r -> { }).pullTimeUpdateExclusions()).isEmpty();
    }

    @Test
    void anExcludedPrincipalsPullDoesNotRecordThePullTime() {
        fake.putImage("prod/api", "1", Manifests.dockerV2("pulled"));
        // The fake's principal for a request: user <access key id> of the account it signs for; an access key that
        // is not an account id signs for the server's default account (000000000000).
        ecr.registerPullTimeUpdateExclusion(r -> r.principalArn("arn:aws:iam::000000000000:user/SCANNERKEY"));
        try (EcrClient scanner = fake.clientBuilder().credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("SCANNERKEY", "secret"))).build()) {
            // The access key is not an account id, so it signs for the server's default account: name the registry,
            // whose repository policy lets that account pull (cross-account access is the policy's to allow).
            ecr.setRepositoryPolicy(r -> r.repositoryName("prod/api").policyText("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},"
                    + "\"Action\":\"ecr:BatchGetImage\"}]}"));
            scanner.batchGetImage(r -> r.registryId(fake.accountId()).repositoryName("prod/api").imageIds(i -> i.imageTag("1")));
        }
        assertThat(fake.image("prod/api", "1").orElseThrow().lastRecordedPullTime()).as("excluded").isNull();

        ecr.batchGetImage(r -> r.repositoryName("prod/api").imageIds(i -> i.imageTag("1")));
        assertThat(fake.image("prod/api", "1").orElseThrow().lastRecordedPullTime()).isEqualTo(NOW);
    }

    @Test
    void referrersAreTheManifestsWhoseSubjectNamesTheImage() {
        ImageInfo subject = fake.putImage("prod/api", "1", Manifests.oci("subject"));
        String signature = referrer(subject.digest(), "application/vnd.dev.cosign.simplesigning.v1+json",
                Map.of("dev.sigstore.cosign/bundle", "b"));
        String sbom = referrer(subject.digest(), "application/spdx+json", Map.of());
        fake.putImage("prod/api", null, signature, null);
        fake.putImage("prod/api", null, sbom, null);
        fake.putImage("prod/api", null, referrer(Manifests.digest("other"), "application/spdx+json", Map.of()), null);

        List<ImageReferrer> all = ecr.listImageReferrers(r -> r.repositoryName("prod/api")
                .subjectId(s -> s.imageDigest(subject.digest()))).referrers();

        assertThat(all).extracting(ImageReferrer::digest).containsExactly(Digests.of(signature), Digests.of(sbom));
        ImageReferrer first = all.get(0);
        assertThat(first.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(first.artifactType()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
        assertThat(first.size()).isEqualTo(signature.length());
        assertThat(first.annotations()).containsEntry("dev.sigstore.cosign/bundle", "b");
        assertThat(first.artifactStatusAsString()).isEqualTo("ACTIVE");
        assertThat(ecr.listImageReferrers(r -> r.repositoryName("prod/api").subjectId(s -> s.imageDigest(subject.digest()))
                        .filter(f -> f.artifactTypes("application/spdx+json"))).referrers())
                .extracting(ImageReferrer::digest).containsExactly(Digests.of(sbom));
        var page = ecr.listImageReferrers(r -> r.repositoryName("prod/api")
                .subjectId(s -> s.imageDigest(subject.digest())).maxResults(1));
        assertThat(page.referrers()).hasSize(1);
        assertThat(ecr.listImageReferrers(r -> r.repositoryName("prod/api").subjectId(s -> s.imageDigest(subject.digest()))
                .nextToken(page.nextToken())).referrers()).extracting(ImageReferrer::digest).containsExactly(Digests.of(sbom));
        assertInvalidParameter(catchThrowable(() -> ecr.listImageReferrers(r -> r.repositoryName("prod/api")
                        .subjectId(s -> s.imageDigest(subject.digest())).maxResults(51))),
                "Invalid parameter at 'maxResults' failed to satisfy constraint: 'must have value less than or equal to 50'");
    }

    @Test
    void anArchivedReferrerIsListedOnlyWhenItsStatusIsAskedFor() {
        ImageInfo subject = fake.putImage("prod/api", "1", Manifests.oci("subject"));
        String sbom = referrer(subject.digest(), "application/spdx+json", Map.of());
        fake.putImage("prod/api", null, sbom, null);
        ecr.updateImageStorageClass(r -> r.repositoryName("prod/api").imageId(i -> i.imageDigest(Digests.of(sbom)))
                .targetStorageClass("ARCHIVE"));

        assertThat(ecr.listImageReferrers(r -> r.repositoryName("prod/api").subjectId(s -> s.imageDigest(subject.digest())))
                .referrers()).as("ACTIVE by default").isEmpty();
        assertThat(ecr.listImageReferrers(r -> r.repositoryName("prod/api").subjectId(s -> s.imageDigest(subject.digest()))
                        .filter(f -> f.artifactStatus("ANY"))).referrers())
                .singleElement().satisfies(r -> assertThat(r.artifactStatusAsString()).isEqualTo("ARCHIVED"));
    }

    private static String referrer(String subjectDigest, String artifactType, Map<String, String> annotations) {
        StringBuilder a = new StringBuilder();
        annotations.forEach((k, v) -> a.append(a.length() == 0 ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\""
                + artifactType + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,"
                + "\"digest\":\"" + Digests.of("{}") + "\"},\"layers\":[{\"mediaType\":\"application/octet-stream\","
                + "\"size\":10,\"digest\":\"" + Digests.of(artifactType + subjectDigest) + "\"}],"
                + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":100,\"digest\":\""
                + subjectDigest + "\"}" + (annotations.isEmpty() ? "" : ",\"annotations\":{" + a + "}") + "}";
    }
}
