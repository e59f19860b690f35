package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** CreateRepository, DescribeRepositories and DeleteRepository through the real EcrClient (reference §4.6–4.8). */
@ExtendWith(FakeEcrExtension.class)
class RepositoryOperationsTest {

    @Nested
    class Create {
        @Test
        void aNewRepositoryHasEcrsDefaultsArnAndUri(EcrClient ecr, FakeEcr fake) {
            Instant before = Instant.now().minusSeconds(1);

            Repository repository = ecr.createRepository(r -> r.repositoryName("team/app")).repository();

            String account = fake.accountId();
            assertThat(repository.repositoryName()).isEqualTo("team/app");
            assertThat(repository.registryId()).isEqualTo(account);
            assertThat(repository.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:" + account + ":repository/team/app");
            assertThat(repository.repositoryUri()).isEqualTo(account + ".dkr.ecr.us-east-1.amazonaws.com/team/app");
            assertThat(repository.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
            assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE);
            assertThat(repository.imageTagMutabilityExclusionFilters()).isEmpty();
            assertThat(repository.imageScanningConfiguration().scanOnPush()).isFalse();
            assertThat(repository.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
            assertThat(fake.repository("team/app")).isPresent();
        }

        @Test
        void settingsAreStoredAndEchoed(EcrClient ecr) {
            CreateRepositoryResponse response = ecr.createRepository(r -> r.repositoryName("app")
                    .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                    .imageTagMutabilityExclusionFilters(f -> f.filterType(ImageTagMutabilityExclusionFilterType.WILDCARD)
                            .filter("dev-*"))
                    .imageScanningConfiguration(s -> s.scanOnPush(true))
                    .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS).kmsKey("alias/app"))
                    .tags(Tag.builder().key("team").value("platform").build()));

            Repository described = ecr.describeRepositories(r -> r.repositoryNames("app")).repositories().get(0);
            for (Repository repository : List.of(response.repository(), described)) {
                assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION);
                assertThat(repository.imageTagMutabilityExclusionFilters()).singleElement()
                        .satisfies(f -> assertThat(f.filter()).isEqualTo("dev-*"));
                assertThat(repository.imageScanningConfiguration().scanOnPush()).isTrue();
                assertThat(repository.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.KMS);
                assertThat(repository.encryptionConfiguration().kmsKey()).isEqualTo("alias/app");
            }
        }

        @Test
        void kmsWithoutAKeyUsesTheRegionsAwsManagedKey(EcrClient ecr, FakeEcr fake) {
            String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
            Repository created = ecr.createRepository(r -> r.repositoryName("app")
                    .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS))).repository();
            Repository later = ecr.createRepository(r -> r.repositoryName("later")
                    .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS_DSSE))).repository();
            Repository described = ecr.describeRepositories(r -> r.repositoryNames("app")).repositories().get(0);

            String key = created.encryptionConfiguration().kmsKey();
            assertThat(key).matches("arn:aws:kms:us-east-1:" + fake.accountId() + ":key/" + uuid);
            assertThat(described.encryptionConfiguration().kmsKey()).as("DescribeRepositories").isEqualTo(key);
            assertThat(later.encryptionConfiguration().kmsKey()).as("the same key on every call").isEqualTo(key);
            assertThat(fake.repository("app")).hasValueSatisfying(r -> assertThat(r.kmsKey()).isEqualTo(key));
            try (EcrClient china = fake.clientBuilder().region(Region.CN_NORTH_1).build()) {
                String chinaKey = china.createRepository(r -> r.repositoryName("app")
                        .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS))).repository()
                        .encryptionConfiguration().kmsKey();
                assertThat(chinaKey).as("the region's own key, in its partition")
                        .matches("arn:aws-cn:kms:cn-north-1:" + fake.accountId() + ":key/" + uuid)
                        .doesNotEndWith(key.substring(key.lastIndexOf('/')));
            }
            assertThat(ecr.createRepository(r -> r.repositoryName("plain")).repository().encryptionConfiguration().kmsKey())
                    .as("AES256 has no key").isNull();
        }

        @Test
        void aRepositoryThatExistsIsRefused(EcrClient ecr, FakeEcr fake) {
            ecr.createRepository(r -> r.repositoryName("app"));

            assertEcrError(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("app"))),
                    RepositoryAlreadyExistsException.class, "RepositoryAlreadyExistsException",
                    "The repository with name 'app' already exists in the registry with id '" + fake.accountId() + "'");
        }

        @Test
        void namesFollowEcrsRules(EcrClient ecr, FakeEcr fake) {
            assertInvalidParameter(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("MyRepo"))),
                    "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular"
                            + " expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
            assertInvalidParameter(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("a"))),
                    "Invalid parameter at 'repositoryName' failed to satisfy constraint:"
                            + " 'must have length greater than or equal to 2'");
            for (String valid : List.of("ab", "a-b", "a--b", "a__b", "a.b", "a/b/c", "1.0")) {
                ecr.createRepository(r -> r.repositoryName(valid));
            }
            assertThat(fake.repositories()).hasSize(7);
        }

        @Test
        void exclusionFiltersOnlyWithTheExclusionModes(EcrClient ecr, FakeEcr fake) {
            assertInvalidParameter(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("app")
                            .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION))),
                    "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint:"
                            + " 'must not be empty when imageTagMutability is MUTABLE_WITH_EXCLUSION'");
            assertInvalidParameter(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("app")
                            .imageTagMutability(ImageTagMutability.IMMUTABLE)
                            .imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("x*")))),
                    "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint:"
                            + " 'must be empty when imageTagMutability is IMMUTABLE'");
            assertInvalidParameter(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("app")
                            .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                            .imageTagMutabilityExclusionFilters(IntStream.range(0, 6)
                                    .mapToObj(i -> software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter
                                            .builder().filterType("WILDCARD").filter("f" + i).build())
                                    .collect(Collectors.toList())))),
                    "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint:"
                            + " 'must have length less than or equal to 5'");
            assertInvalidParameter(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("app")
                            .imageTagMutability("SOMETIMES"))),
                    "Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy"
                            + " enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'");
            assertThat(fake.repositories()).isEmpty();
        }

        @Test
        void resourceTagsFollowEcrsLimits(EcrClient ecr, FakeEcr fake) {
            List<Tag> fiftyOne = new ArrayList<>();
            IntStream.range(0, 51).forEach(i -> fiftyOne.add(Tag.builder().key("k" + i).value("v").build()));

            assertEcrError(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("app").tags(fiftyOne))),
                    TooManyTagsException.class, "TooManyTagsException", "The list of tags on the repository is over"
                            + " the limit. The maximum number of tags that can be applied to a repository is 50.");
            assertEcrError(catchThrowable(() -> ecr.createRepository(r -> r.repositoryName("app")
                            .tags(Tag.builder().key("k".repeat(129)).value("v").build()))),
                    InvalidTagParameterException.class, "InvalidTagParameterException", "Tag keys can have a maximum"
                            + " character length of 128 characters, and tag values can have a maximum length of 256"
                            + " characters.");
            assertThat(fake.repositories()).isEmpty();
            ecr.createRepository(r -> r.repositoryName("app").tags(fiftyOne.subList(0, 50)));
        }
    }

    @Nested
    class Describe {
        @Test
        void allRepositoriesArePagedInNameOrderAndEachIsSeenOnce(EcrClient ecr) {
            for (int i = 0; i < 7; i++) {
                String name = "repo-" + (char) ('g' - i);
                ecr.createRepository(r -> r.repositoryName(name));
            }

            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String next = token;
                DescribeRepositoriesResponse page = ecr.describeRepositories(r -> r.maxResults(3).nextToken(next));
                page.repositories().forEach(r -> seen.add(r.repositoryName()));
                token = page.nextToken();
                pages++;
            } while (token != null);

            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactly("repo-a", "repo-b", "repo-c", "repo-d", "repo-e", "repo-f", "repo-g");
            assertThat(ecr.describeRepositoriesPaginator(r -> r.maxResults(2)).repositories())
                    .extracting(Repository::repositoryName).hasSize(7).doesNotHaveDuplicates();
        }

        @Test
        void anEmptyRegistryHasNoRepositories(EcrClient ecr) {
            DescribeRepositoriesResponse response = ecr.describeRepositories();

            assertThat(response.repositories()).isEmpty();
            assertThat(response.nextToken()).isNull();
        }

        @Test
        void anyMissingNameFailsTheWholeCall(EcrClient ecr, FakeEcr fake) {
            ecr.createRepository(r -> r.repositoryName("app"));

            assertEcrError(catchThrowable(() -> ecr.describeRepositories(r -> r.repositoryNames("app", "gone"))),
                    RepositoryNotFoundException.class, "RepositoryNotFoundException",
                    "The repository with name 'gone' does not exist in the registry with id '" + fake.accountId() + "'");
        }

        @Test
        void anArnIsNotAName(EcrClient ecr) {
            assertInvalidParameter(catchThrowable(() -> ecr.describeRepositories(r -> r.repositoryNames(
                            "arn:aws:ecr:us-east-1:123456789012:repository/app"))),
                    "Invalid parameter at 'repositoryNames' failed to satisfy constraint: 'must satisfy regular"
                            + " expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }

        @Test
        void pagingParametersAreChecked(EcrClient ecr) {
            assertInvalidParameter(catchThrowable(() -> ecr.describeRepositories(r -> r.maxResults(0))),
                    "Invalid parameter at 'maxResults' failed to satisfy constraint: 'must have value greater than or equal to 1'");
            assertInvalidParameter(catchThrowable(() -> ecr.describeRepositories(r -> r.maxResults(1001))),
                    "Invalid parameter at 'maxResults' failed to satisfy constraint: 'must have value less than or equal to 1000'");
            assertInvalidParameter(catchThrowable(() -> ecr.describeRepositories(r -> r.nextToken("garbage!"))),
                    "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid pagination token'");
        }

        @Test
        void createdAtIsSecondsWithMilliseconds(EcrClient ecr) {
            Instant created = ecr.createRepository(r -> r.repositoryName("app")).repository().createdAt();

            assertThat(Duration.between(created, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
            assertThat(created.getNano() % 1_000_000).isZero();
        }
    }

    @Nested
    class Delete {
        @Test
        void anEmptyRepositoryIsDeletedAndDescribed(EcrClient ecr, FakeEcr fake) {
            ecr.createRepository(r -> r.repositoryName("app"));

            Repository deleted = ecr.deleteRepository(r -> r.repositoryName("app")).repository();

            assertThat(deleted.repositoryName()).isEqualTo("app");
            assertThat(deleted.repositoryArn()).endsWith(":repository/app");
            assertThat(fake.repository("app")).isEmpty();
        }

        @Test
        void aRepositoryWithImagesNeedsForce(EcrClient ecr, FakeEcr fake) {
            fake.createRepository("app");
            fake.putImage("app", "v1", Manifests.dockerV2("x"));

            assertEcrError(catchThrowable(() -> ecr.deleteRepository(r -> r.repositoryName("app"))),
                    RepositoryNotEmptyException.class, "RepositoryNotEmptyException",
                    "The repository with name 'app' in registry with id '" + fake.accountId()
                            + "' cannot be deleted because it still contains images");
            assertThat(fake.images("app")).hasSize(1);

            ecr.deleteRepository(r -> r.repositoryName("app").force(true));

            assertThat(fake.repository("app")).isEmpty();
        }

        @Test
        void aMissingRepositoryIsNotFound(EcrClient ecr, FakeEcr fake) {
            assertEcrError(catchThrowable(() -> ecr.deleteRepository(r -> r.repositoryName("gone"))),
                    RepositoryNotFoundException.class, "RepositoryNotFoundException",
                    "The repository with name 'gone' does not exist in the registry with id '" + fake.accountId() + "'");
        }
    }
}
