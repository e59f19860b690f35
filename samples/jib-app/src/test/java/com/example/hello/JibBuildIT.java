package com.example.hello;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.junit.FakeEcrExtension;
import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;

/**
 * The CI job a team runs, against the fake instead of ECR: log in with the ECR API, push with
 * {@code mvn jib:build}, then check with the ECR API that the image is there under its tags.
 */
class JibBuildIT {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("hello").build();

    private static final Path BUILD_DIRECTORY = Path.of(System.getProperty("jibapp.buildDirectory", "target"));

    @Test
    void jibBuildPushesTheImageThatTheEcrApiThenDescribes(EcrClient ecr, FakeEcr fake) throws Exception {
        String password = loginPassword(ecr);
        // Real ECR's registry is GetAuthorizationToken's proxyEndpoint (<account>.dkr.ecr.<region>.amazonaws.com);
        // the fake serves it on its own port, on loopback.
        String image = fake.registryHost() + "/hello:1.0.0";

        Properties jib = new Properties();
        jib.setProperty("jib.to.image", image);
        jib.setProperty("jib.to.tags", "latest");
        jib.setProperty("jib.to.auth.username", "AWS");
        jib.setProperty("jib.to.auth.password", password);
        // The fake speaks plain HTTP: Jib needs both switches to push there with credentials.
        jib.setProperty("jib.allowInsecureRegistries", "true");
        jib.setProperty("sendCredentialsOverHttp", "true");
        mvn(List.of("compile", "jib:build"), jib);

        String pushedDigest = Files.readString(BUILD_DIRECTORY.resolve("jib-image.digest")).strip();
        List<ImageDetail> images = ecr.describeImages(r -> r.repositoryName("hello")).imageDetails();
        assertThat(images).singleElement().satisfies(detail -> {
            assertThat(detail.imageDigest()).isEqualTo(pushedDigest);
            assertThat(detail.imageTags()).containsExactlyInAnyOrder("1.0.0", "latest");
            assertThat(detail.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        });
        assertThat(fake).repository("hello").hasTagPointingTo("1.0.0", pushedDigest).hasTagPointingTo("latest", pushedDigest);
        // Jib put the manifest once per tag through the registry endpoint (journaled as PutImage).
        assertThat(fake.calls("PutImage")).hasSize(2).allSatisfy(call -> assertThat(call.succeeded()).isTrue());

        // Every blob the manifest names (the config and Jib's classes layer) arrived in the repository.
        ImageIdentifier latest = ImageIdentifier.builder().imageTag("latest").build();
        String manifest = ecr.batchGetImage(r -> r.repositoryName("hello").imageIds(latest)).images().get(0).imageManifest();
        List<String> blobs = digestsIn(manifest);
        assertThat(blobs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("hello").layerDigests(blobs)).layers())
                .hasSize(blobs.size())
                .allSatisfy(layer -> assertThat(layer.layerAvailability()).isEqualTo(LayerAvailability.AVAILABLE));
    }

    /** What {@code aws ecr get-login-password} prints: the token decoded, without its {@code AWS:} user. */
    private static String loginPassword(EcrClient ecr) {
        AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("AWS:");
        return decoded.substring("AWS:".length());
    }

    /** Runs the same Maven on this project; its output goes to target/jib-build.log, shown if the build fails. */
    private static void mvn(List<String> goals, Properties properties) throws Exception {
        Path log = BUILD_DIRECTORY.resolve("jib-build.log");
        InvocationResult result;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            InvocationRequest request = new DefaultInvocationRequest()
                    .setPomFile(new File(System.getProperty("jibapp.pom", "pom.xml")))
                    .addArgs(goals)
                    .setProperties(properties)
                    .setBatchMode(true)
                    .setOutputHandler(out::println)
                    .setErrorHandler(out::println);
            DefaultInvoker invoker = new DefaultInvoker();
            String mavenHome = System.getProperty("maven.home");
            assertThat(mavenHome).as("maven.home (Failsafe passes the running Maven's)").isNotNull();
            invoker.setMavenHome(new File(mavenHome));
            result = invoker.execute(request);
        }
        assertThat(result.getExitCode())
                .as("mvn %s failed; its output:%n%s", String.join(" ", goals), Files.readString(log))
                .isZero();
    }

    private static List<String> digestsIn(String manifest) {
        List<String> digests = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"").matcher(manifest);
        while (matcher.find()) {
            digests.add(matcher.group(1));
        }
        return digests;
    }
}
