package dev.fakeecr.assertj;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static dev.fakeecr.assertj.EcrAssertions.assertThatCalls;
import static dev.fakeecr.assertj.EcrAssertions.assertThatEcrException;
import static dev.fakeecr.assertj.EcrAssertions.assertThatEcrThrownBy;
import static dev.fakeecr.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.Manifests;
import dev.fakeecr.journal.Call;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.TagMutability;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/** Every assertion passes when it should, and fails with a message that shows the state that was there. */
class EcrAssertionsTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").lenientFaults()
            .withoutLayerChecks().build();

    private EcrClient ecr;
    private FakeEcr fake;
    private String v1;
    private String untagged;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        v1 = ecr.putImage(r -> r.repositoryName("app").imageTag("1.0").imageManifest(Manifests.dockerV2("1")))
                .image().imageId().imageDigest();
        ecr.putImage(r -> r.repositoryName("app").imageTag("latest").imageManifest(Manifests.dockerV2("1")));
        untagged = ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.oci("u"))).image().imageId().imageDigest();
    }

    private static void failsWith(ThrowingCallable assertion, String... messageParts) {
        assertThatThrownBy(assertion).isInstanceOf(AssertionError.class).hasMessageContainingAll(messageParts);
    }

    @Nested
    class Registry {
        @Test
        void repositories() {
            assertThat(fake).hasRepository("app").hasNoRepository("other").hasOnlyRepositories("app");

            failsWith(() -> assertThat(fake).hasRepository("other"),
                    "Expecting a repository named 'other'", "but the repositories are [app]");
            failsWith(() -> assertThat(fake).hasNoRepository("app"), "Expecting no repository named 'app'");
            failsWith(() -> assertThat(fake).hasOnlyRepositories("app", "other"),
                    "Expecting the repositories to be exactly [app, other], but they are [app]");
        }

        @Test
        void flatTagChecks() {
            assertThat(fake).hasImageTagged("app", "latest").hasTagPointingTo("app", "latest", v1);

            failsWith(() -> assertThat(fake).hasImageTagged("app", "2.0"), "Expecting tag '2.0'",
                    v1 + " tags [1.0, latest]", untagged + " untagged");
            failsWith(() -> assertThat(fake).hasTagPointingTo("app", "latest", untagged),
                    "Expecting tag 'latest' to point to " + untagged + ", but it points to " + v1);
        }
    }

    @Nested
    class Repository {
        @Test
        void tagsAndImages() {
            assertThat(fake).repository("app").exists().hasTag("1.0").doesNotHaveTag("2.0")
                    .hasTagPointingTo("latest", v1).hasOnlyTags("latest", "1.0")
                    .hasImageCount(2).hasUntaggedImageCount(1);

            failsWith(() -> assertThat(fake).repository("app").hasOnlyTags("1.0"),
                    "Expecting the tags of repository 'app' to be exactly [1.0], but they are [1.0, latest]",
                    "repository 'app' (MUTABLE), which holds 2 images:");
            failsWith(() -> assertThat(fake).repository("app").doesNotHaveTag("latest"), "Expecting no tag 'latest'");
            failsWith(() -> assertThat(fake).repository("app").hasImageCount(3), "Expecting 3 images in repository 'app' (MUTABLE), which holds 2 images:");
            failsWith(() -> assertThat(fake).repository("app").hasNoUntaggedImages(),
                    "Expecting 0 images untagged, but 1 is untagged in repository 'app'");
        }

        @Test
        void settings() {
            ecr.putImageTagMutability(r -> r.repositoryName("app").imageTagMutability(ImageTagMutability.IMMUTABLE));

            assertThatRepository(fake, "app").hasImmutableTags().hasTagMutability(TagMutability.IMMUTABLE);

            ecr.putImageTagMutability(r -> r.repositoryName("app").imageTagMutability(ImageTagMutability.MUTABLE));
            failsWith(() -> assertThatRepository(fake, "app").hasImmutableTags(),
                    "Expecting repository 'app' to have tag mutability IMMUTABLE, but it is MUTABLE");
        }

        @Test
        void aMissingRepositoryFailsWithTheNamesThatExist() {
            failsWith(() -> assertThat(fake).repository("gone").hasTag("x"),
                    "Expecting repository 'gone' to exist, but there is no repository 'gone'; the repositories are [app]");
        }
    }

    @Nested
    class Image {
        @Test
        void byTagOrDigest() {
            assertThat(fake).repository("app").image("latest").hasDigest(v1).hasTags("1.0").hasOnlyTags("latest", "1.0")
                    .hasMediaType("application/vnd.docker.distribution.manifest.v2+json")
                    .hasManifest(Manifests.dockerV2("1")).hasSizeInBytes(1470 + 3208942);
            assertThat(fake).repository("app").image(untagged).isUntagged();
            ImageInfo image = fake.image("app", "1.0").orElseThrow();
            assertThat(image).hasDigest(Digests.of(Manifests.dockerV2("1")));

            failsWith(() -> assertThat(fake).repository("app").image("9.9"), "Expecting an image '9.9' in repository 'app'");
            failsWith(() -> assertThat(image).hasDigest(untagged), "Expecting image digest " + untagged + ", but it is " + v1);
            failsWith(() -> assertThat(image).isUntagged(), "to be untagged, but its tags are [1.0, latest]");
            failsWith(() -> assertThat(image).hasOnlyTags("1.0"), "exactly the tags [1.0], but its tags are [1.0, latest]");
            failsWith(() -> assertThat(image).hasTags("2.0"), "to have tags [2.0], but its tags are [1.0, latest]");
            failsWith(() -> assertThat(image).hasMediaType("application/vnd.oci.image.manifest.v1+json"),
                    "but it has application/vnd.docker.distribution.manifest.v2+json");
            failsWith(() -> assertThat(image).hasManifest("{}"), "to have the manifest");
            failsWith(() -> assertThat(image).hasSizeInBytes(1), "to be 1 bytes, but it is 3210412");
        }
    }

    @Nested
    class Calls {
        @Test
        void navigableWithListAssertionsIntact() {
            fake.onCall("PutImage").failWith("ImageTagAlreadyExistsException");
            catchThrowable(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("1.0").imageManifest(Manifests.oci("z"))));

            assertThat(fake).calls().hasSize(4).containsExactlyOperations("PutImage", "PutImage", "PutImage", "PutImage")
                    .containsOperations("PutImage").doesNotContainOperations("DeleteRepository", "ListImages");
            assertThat(fake).calls("PutImage").first().isOperation("PutImage").succeeded().hasRepositoryName("app")
                    .hasImageTag("1.0").hasStatus(200).hasMember("imageTag", "1.0");
            assertThat(fake).calls("PutImage").last().failedWith("ImageTagAlreadyExistsException").hasStatus(400).wasInjected();
            assertThat(fake).calls().extracting(Call::errorCode).containsOnlyOnce("ImageTagAlreadyExistsException");
            assertThat(fake).calls("DescribeImages").isEmpty();
            assertThatCalls(fake.calls()).element(2).succeeded();

            failsWith(() -> assertThat(fake).calls().allSucceeded(), "Expecting every call to succeed",
                    "4. PutImage app:1.0 -> 400 ImageTagAlreadyExistsException (injected)");
            failsWith(() -> assertThat(fake).calls().containsExactlyOperations("PutImage"),
                    "Expecting calls [PutImage], exactly and in this order, but they were:");
            failsWith(() -> assertThat(fake).calls().containsOperations("PutImage", "ListImages"),
                    "Expecting calls of [PutImage, ListImages], but there was none of [ListImages] among:");
            failsWith(() -> assertThat(fake).calls().doesNotContainOperations("PutImage", "ListImages"),
                    "Expecting no calls of [PutImage, ListImages], but there were calls of [PutImage]:");
            failsWith(() -> assertThat(fake).calls().last().succeeded(),
                    "Expecting the call to succeed, but it was PutImage app:1.0 -> 400 ImageTagAlreadyExistsException");
            failsWith(() -> assertThat(fake).calls().first().failedWith("ServerException"), "to fail with ServerException");
            failsWith(() -> assertThat(fake).calls().first().isOperation("BatchGetImage"), "Expecting a BatchGetImage call");
            failsWith(() -> assertThat(fake).calls().first().hasRepositoryName("other"), "on repository 'other'");
            failsWith(() -> assertThat(fake).calls().first().hasImageTag("2.0"), "for tag '2.0'");
            failsWith(() -> assertThat(fake).calls().first().hasMember("imageTag", "2.0"), "Expecting member imageTag = 2.0");
            failsWith(() -> assertThat(fake).calls().first().wasInjected(), "answered by a fault rule");
            failsWith(() -> assertThat(fake).calls().first().hasStatus(500), "Expecting status 500");
            failsWith(() -> assertThat(fake).madeNoCalls(), "Expecting no ECR calls, but there were:", "1. PutImage app:1.0 -> 200 OK");
        }
    }

    @Nested
    class Exceptions {
        @Test
        void anErrorAnswerFromEcr() {
            assertThatEcrThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("gone")))
                    .isInstanceOf(software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException.class)
                    .hasErrorCode("RepositoryNotFoundException").hasStatusCode(400)
                    .hasErrorMessage("The repository with name 'gone' does not exist in the registry with id '"
                            + fake.accountId() + "'")
                    .hasErrorMessageContaining("'gone'").hasRequestId()
                    .hasRequestId(fake.calls().get(fake.calls().size() - 1).requestId())
                    .wasAttempted(1);

            Throwable thrown = catchThrowable(() -> ecr.describeRepositories(r -> r.repositoryNames("gone")));
            failsWith(() -> assertThatEcrException(thrown).hasErrorCode("ImageNotFoundException"),
                    "Expecting error code ImageNotFoundException, but it was RepositoryNotFoundException");
            failsWith(() -> assertThatEcrException(thrown).hasStatusCode(500), "Expecting status 500, but it was 400");
            failsWith(() -> assertThatEcrException(thrown).hasErrorMessage("x"), "Expecting the message");
            failsWith(() -> assertThatEcrException(thrown).hasErrorMessageContaining("xyz"), "to contain");
            failsWith(() -> assertThatEcrException(thrown).hasRequestId("nope"), "Expecting request id nope");
            failsWith(() -> assertThatEcrException(thrown).wasAttempted(4), "Expecting 4 attempts, but the SDK made 1");
        }

        @Test
        void nothingThrownOrSomethingElseThrownFails() {
            failsWith(() -> assertThatEcrThrownBy(() -> ecr.describeRepositories()), "but it threw nothing");
            failsWith(() -> assertThatEcrThrownBy(() -> {
                throw new IllegalStateException("boom");
            }), "Expecting an AWS service exception", "java.lang.IllegalStateException: boom");
        }
    }

    @Nested
    class Soft {
        @Test
        void collectsEveryFailureBeforeReporting() {
            EcrSoftAssertions softly = new EcrSoftAssertions();
            softly.assertThat(fake).hasRepository("other").hasImageTagged("app", "2.0").hasRepository("app");
            softly.assertThatRepository(fake, "app").hasTag("3.0").hasImageCount(2);
            softly.assertThat(fake.image("app", "1.0").orElseThrow()).isUntagged();
            softly.assertThat(fake.calls().get(0)).failedWith("ServerException");

            assertThat(softly.errorsCollected()).hasSize(5);
            failsWith(softly::assertAll, "Expecting a repository named 'other'", "Expecting tag '2.0'",
                    "Expecting tag '3.0'", "to be untagged", "to fail with ServerException");
        }

        @Test
        void navigationStaysSoftAndAMissingImageIsCollectedNotANullPointer() {
            EcrSoftAssertions softly = new EcrSoftAssertions();
            softly.assertThat(fake).repository("app").image("9.9").hasTags("9.9");
            softly.assertThat(fake).repository("app").image("1.0").isUntagged();
            softly.assertThat(fake).calls().containsExactlyOperations("Nothing");
            softly.assertThat(fake).repository("nope").hasTag("x");

            assertThat(softly.errorsCollected()).extracting(Throwable::getMessage)
                    .anySatisfy(m -> assertThat(m).contains("Expecting an image '9.9' in repository 'app'"))
                    .anySatisfy(m -> assertThat(m).contains("to be untagged"))
                    .anySatisfy(m -> assertThat(m).contains("Expecting calls [Nothing]"))
                    .anySatisfy(m -> assertThat(m).contains("Expecting repository 'nope' to exist"));
        }

        @Test
        void eachCollectedMessageStartsOnItsOwnLineAfterItsHeader() {
            EcrSoftAssertions softly = new EcrSoftAssertions();
            softly.assertThatRepository(fake, "app").hasImageCount(1);
            softly.assertThat(fake).hasRepository("other");

            failsWith(softly::assertAll, "-- failure 1 --" + System.lineSeparator() + "Expecting 1 image in repository"
                    + " 'app' (MUTABLE), which holds 2 images:", "-- failure 2 --" + System.lineSeparator()
                    + "Expecting a repository named 'other'");
        }

        @Test
        void passesWhenEverythingHolds() {
            EcrSoftAssertions softly = new EcrSoftAssertions();
            softly.assertThat(fake).hasRepository("app").hasTagPointingTo("app", "1.0", v1);
            softly.assertThatRepository(fake, "app").hasOnlyTags("1.0", "latest");

            softly.assertAll();
            assertThat(softly.errorsCollected()).isEmpty();
        }
    }
}
