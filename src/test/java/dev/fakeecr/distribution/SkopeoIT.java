package dev.fakeecr.distribution;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.junit.FakeEcrExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * skopeo 1.9.3 (Debian's package; {@code .ci/run} installs it) pushes, copies, inspects, lists, pulls and
 * deletes through the registry endpoint, with the ECR API seeing the same images. Its output goes to a file
 * under {@code target/}, shown when a command fails.
 */
class SkopeoIT {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app", "copy").build();

    @TempDir
    Path work;

    private FakeEcr fake;
    private EcrClient ecr;

    @BeforeEach
    void setUp(FakeEcr fake, EcrClient ecr) {
        this.fake = fake;
        this.ecr = ecr;
    }

    private String run(String... args) {
        return skopeo(true, args);
    }

    private String skopeo(boolean mustSucceed, String... args) {
        Skopeo.Result result = Skopeo.run(work, Duration.ofSeconds(120), args);
        if (mustSucceed && result.exitCode() != 0) {
            throw new AssertionError("skopeo failed (" + result.exitCode() + "): " + List.of(args) + "\n" + result.output()
                    + "\nECR calls:\n" + fake.describeCalls());
        }
        if (!mustSucceed && result.exitCode() == 0) {
            throw new AssertionError("skopeo succeeded but should have failed: " + List.of(args) + "\n" + result.output());
        }
        return result.output();
    }

    private String creds() {
        return "AWS:" + fake.registryLogin().password();
    }

    private String docker(String repository, String tag) {
        return "docker://" + fake.imageReference(repository, tag);
    }

    @Test
    void copiesAnOciLayoutInAndTheEcrApiSeesTheSameImage() {
        OciLayout source = OciLayout.write(work.resolve("source"), "1.0", 1, 200_000, 3_000_000);

        run("copy", "--dest-tls-verify=false", "--dest-creds", creds(), "oci:" + source.directory + ":1.0", docker("app", "1.0"));

        var image = ecr.batchGetImage(r -> r.repositoryName("app").imageIds(ImageIdentifier.builder().imageTag("1.0").build()))
                .images().get(0);
        assertThat(image.imageId().imageDigest()).isEqualTo(source.manifestDigest);
        assertThat(image.imageManifest()).isEqualTo(source.manifest);
        assertThat(fake).repository("app").hasTag("1.0");
        assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("app").layerDigests(source.blobDigests)).layers())
                .allSatisfy(layer -> assertThat(layer.layerAvailabilityAsString()).isEqualTo("AVAILABLE"));
        assertThat(fake.calls("PutImage")).last().satisfies(call -> assertThat(call.succeeded()).isTrue());
    }

    @Test
    void pullsBackEveryBlobByteForByteAndInspectsAndListsTags() {
        OciLayout source = OciLayout.write(work.resolve("source"), "1.0", 2, 500_000);
        run("copy", "--dest-tls-verify=false", "--dest-creds", creds(), "oci:" + source.directory + ":1.0", docker("app", "1.0"));

        Path pulled = work.resolve("pulled");
        run("copy", "--src-tls-verify=false", "--src-creds", creds(), docker("app", "1.0"), "oci:" + pulled + ":1.0");
        String inspect = run("inspect", "--tls-verify=false", "--creds", creds(), docker("app", "1.0"));
        String tags = run("list-tags", "--tls-verify=false", "--creds", creds(), "docker://" + fake.registryHost() + "/app");

        for (String digest : source.blobDigests) {
            assertThat(OciLayout.blobBytes(pulled, digest)).as(digest).isEqualTo(OciLayout.blobBytes(source.directory, digest));
        }
        assertThat(OciLayout.blobBytes(pulled, source.manifestDigest)).isEqualTo(source.manifest.getBytes(StandardCharsets.UTF_8));
        assertThat(inspect).contains("\"Digest\": \"" + source.manifestDigest + "\"");
        assertThat(tags).contains("\"1.0\"");
        assertThat(fake.image("app", "1.0")).get().satisfies(i -> assertThat(i.lastRecordedPullTime()).isNotNull());
    }

    @Test
    void copiesBetweenRepositoriesAndDeletes() {
        OciLayout source = OciLayout.write(work.resolve("source"), "1.0", 3, 100_000);
        run("copy", "--dest-tls-verify=false", "--dest-creds", creds(), "oci:" + source.directory + ":1.0", docker("app", "1.0"));

        run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--src-creds", creds(), "--dest-creds", creds(),
                docker("app", "1.0"), docker("copy", "2.0"));
        assertThat(fake).repository("copy").hasTagPointingTo("2.0", source.manifestDigest);

        run("delete", "--tls-verify=false", "--creds", creds(), docker("app", "1.0"));
        assertThat(fake.images("app")).isEmpty();
        assertThat(fake.images("copy")).hasSize(1);
    }

    @Test
    void anImmutableRepositoryRefusesAnOverwriteWithEcrsWords() {
        ecr.createRepository(r -> r.repositoryName("locked").imageTagMutability(ImageTagMutability.IMMUTABLE));
        OciLayout first = OciLayout.write(work.resolve("first"), "1.0", 4, 1000);
        OciLayout second = OciLayout.write(work.resolve("second"), "1.0", 5, 1000);
        run("copy", "--dest-tls-verify=false", "--dest-creds", creds(), "oci:" + first.directory + ":1.0", docker("locked", "1.0"));

        String refusal = skopeo(false, "copy", "--dest-tls-verify=false", "--dest-creds", creds(),
                "oci:" + second.directory + ":1.0", docker("locked", "1.0"));

        assertThat(refusal).contains("The image tag '1.0' already exists in the 'locked' repository and cannot be"
                + " overwritten because the tag is immutable.");
        assertThat(fake).repository("locked").hasTagPointingTo("1.0", first.manifestDigest);
    }

    @Test
    void withoutCredentialsSkopeoIsRefused() {
        OciLayout source = OciLayout.write(work.resolve("source"), "1.0", 6, 1000);

        String refusal = skopeo(false, "copy", "--dest-tls-verify=false", "oci:" + source.directory + ":1.0", docker("app", "1.0"));

        assertThat(refusal).containsIgnoringCase("unauthorized");
        assertThat(fake.images("app")).isEmpty();
    }
}
