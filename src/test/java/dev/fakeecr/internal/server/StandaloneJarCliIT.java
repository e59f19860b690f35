package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.Manifests;
import dev.fakeecr.internal.registry.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standalone jar as a user runs it ({@code java -jar … --port 0}, a separate process), driven by the
 * AWS CLI installed on the machine. Runs after packaging, in Maven's integration-test phase.
 */
class StandaloneJarCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static StandaloneJar jar;
    private static String endpoint;

    @BeforeAll
    static void startTheJar() throws Exception {
        jar = StandaloneJar.start("--default-account", "123456789012");
        endpoint = jar.endpoint;
    }

    @AfterAll
    static void stopTheJar() throws InterruptedException {
        if (jar != null) {
            jar.close();
        }
    }

    record CliResult(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    private static CliResult aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "ecr"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"); // not an account id: the default account answers
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("AWS_PROFILE");
        Path stdout = Files.createTempFile("aws-out", ".txt");
        Path stderr = Files.createTempFile("aws-err", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws %s finished", args[0]).isTrue();
        CliResult result = new CliResult(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        Files.delete(stdout);
        Files.delete(stderr);
        return result;
    }

    /**
     * Uploads the config and layer blobs {@link Manifests#dockerV2} names for {@code seed} (their digests
     * are those of the bytes "config-seed" and "layer-seed"), as a registry client would before PutImage.
     */
    private static void uploadBlobsOf(String repository, String seed) throws Exception {
        for (String content : List.of("config-" + seed, "layer-" + seed)) {
            Path blob = Files.createTempFile("blob", ".bin");
            Files.writeString(blob, content);
            String uploadId = aws("initiate-layer-upload", "--repository-name", repository).json().get("uploadId").asText();
            CliResult part = aws("upload-layer-part", "--repository-name", repository, "--upload-id", uploadId,
                    "--part-first-byte", "0", "--part-last-byte", String.valueOf(content.length() - 1),
                    "--layer-part-blob", "fileb://" + blob);
            assertThat(part.exitCode()).as(part.stderr()).isZero();
            CliResult complete = aws("complete-layer-upload", "--repository-name", repository, "--upload-id", uploadId,
                    "--layer-digests", Manifests.digest(content));
            assertThat(complete.exitCode()).as(complete.stderr()).isZero();
            assertThat(complete.json().get("layerDigest").asText()).isEqualTo(Manifests.digest(content));
            Files.delete(blob);
        }
    }

    @Test
    void aManifestWhoseLayersWereNeverUploadedIsRefused() throws Exception {
        aws("create-repository", "--repository-name", "cli/layers");

        CliResult refused = aws("put-image", "--repository-name", "cli/layers", "--image-tag", "v1",
                "--image-manifest", Manifests.dockerV2("never-uploaded"));

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("An error occurred (LayersNotFoundException) when calling the PutImage"
                + " operation: Layers with digests '[" + Manifests.digest("config-never-uploaded") + ", "
                + Manifests.digest("layer-never-uploaded") + "]' required for pushing image into repository with name"
                + " 'cli/layers' in registry with id '123456789012' do not exist");
    }

    @Test
    void anInjectedServerErrorIsRetriedByTheCli() throws Exception {
        aws("create-repository", "--repository-name", "cli/retried");
        jar.injectFault("123456789012", "DescribeRepositories", "ServerException", 2);

        CliResult described = aws("describe-repositories", "--repository-names", "cli/retried");

        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.json().at("/repositories/0/repositoryName").asText()).isEqualTo("cli/retried");
    }

    @Test
    void aSeedFileIsLoadedAtStart() throws Exception {
        Path seed = Files.createTempFile("seed", ".json");
        String manifest = Manifests.dockerV2("seeded").replace("\"", "\\\"");
        Files.writeString(seed, "{\"accounts\":[{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"repositories\":"
                + "[{\"name\":\"seeded/app\",\"imageTagMutability\":\"IMMUTABLE\",\"images\":[{\"tag\":\"1.0\",\"manifest\":\""
                + manifest + "\"}]}]}]}");
        try (StandaloneJar seeded = StandaloneJar.start("--seed", seed.toString(), "--default-account", "123456789012")) {
            String saved = endpoint;
            endpoint = seeded.endpoint;
            try {
                CliResult images = aws("describe-images", "--repository-name", "seeded/app");
                assertThat(images.exitCode()).as(images.stderr()).isZero();
                assertThat(images.json().at("/imageDetails/0/imageTags/0").asText()).isEqualTo("1.0");
                assertThat(images.json().at("/imageDetails/0/imageDigest").asText()).isEqualTo(Manifests.digest(Manifests.dockerV2("seeded")));
                assertThat(aws("describe-repositories").json().at("/repositories/0/imageTagMutability").asText())
                        .isEqualTo("IMMUTABLE");
            } finally {
                endpoint = saved;
            }
        }
    }

    @Test
    void theJarAnswersAHealthCheck() throws Exception {
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint + "/fake-ecr/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"ok\",");
    }

    @Test
    void theJarCarriesTheFakeWithoutTheSdkOrJunit() throws IOException {
        try (ZipFile jar = new ZipFile(StandaloneJar.path().toFile())) {
            assertThat(jar.getEntry("dev/fakeecr/internal/server/StandaloneMain.class")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/"))
                    .noneMatch(n -> n.startsWith("org/junit/"))
                    .noneMatch(n -> n.startsWith("dev/fakeecr/junit/"));
        }
    }

    private static String postAdmin(String path, String body) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint + path))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void aLifecyclePolicyIsPreviewedFromTheCliAndRunThroughTheAdminApi() throws Exception {
        aws("create-repository", "--repository-name", "cli/lifecycle");
        uploadBlobsOf("cli/lifecycle", "lifecycle");
        assertThat(aws("put-image", "--repository-name", "cli/lifecycle", "--image-tag", "old",
                "--image-manifest", Manifests.dockerV2("lifecycle")).exitCode()).isZero();
        String policy = "{\"rules\":[{\"rulePriority\":1,\"description\":\"expire images older than 30 days\","
                + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
                + "\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}";
        CliResult put = aws("put-lifecycle-policy", "--repository-name", "cli/lifecycle", "--lifecycle-policy-text", policy);
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        CliResult invalid = aws("put-lifecycle-policy", "--repository-name", "cli/lifecycle", "--lifecycle-policy-text",
                policy.replace("\"expire\"}", "\"delete\"}"));
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("InvalidParameterException").contains("Lifecycle policy validation failure");

        postAdmin("/fake-ecr/clock", "{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"advance\":\"P31D\"}");
        assertThat(aws("start-lifecycle-policy-preview", "--repository-name", "cli/lifecycle").exitCode()).isZero();
        CliResult preview = aws("get-lifecycle-policy-preview", "--repository-name", "cli/lifecycle");
        assertThat(preview.exitCode()).as(preview.stderr()).isZero();
        assertThat(preview.json().at("/summary/expiringImageTotalCount").asInt()).isEqualTo(1);
        assertThat(preview.json().at("/previewResults/0/imageTags/0").asText()).isEqualTo("old");

        String runs = postAdmin("/fake-ecr/lifecycle/apply",
                "{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"repositoryName\":\"cli/lifecycle\"}");
        assertThat(JSON.readTree(runs).at("/runs/0/actions/0/action").asText()).isEqualTo("EXPIRE");
        assertThat(aws("describe-images", "--repository-name", "cli/lifecycle").json().get("imageDetails")).isEmpty();
    }

    @Test
    void createRepositoryAndPutImageWork() throws Exception {
        CliResult created = aws("create-repository", "--repository-name", "cli/app");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.json().at("/repository/repositoryArn").asText())
                .isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/cli/app");
        // CLI v1 prints the epoch seconds it parsed, CLI v2 an ISO 8601 string: both mean it parsed a number.
        JsonNode createdAt = created.json().at("/repository/createdAt");
        if (createdAt.isNumber()) {
            assertThat(createdAt.asDouble()).isGreaterThan(1.7e9);
        } else {
            assertThat(createdAt.asText()).startsWith("20");
        }

        String manifest = Manifests.dockerV2("cli");
        uploadBlobsOf("cli/app", "cli");
        CliResult put = aws("put-image", "--repository-name", "cli/app", "--image-tag", "v1",
                "--image-manifest", manifest);

        assertThat(put.exitCode()).as(put.stderr()).isZero();
        assertThat(put.json().at("/image/imageId/imageDigest").asText()).isEqualTo(Digests.of(manifest));
        assertThat(put.json().at("/image/imageManifest").asText()).isEqualTo(manifest);
    }

    @Test
    void aRefusedTagPrintsEcrsErrorLine() throws Exception {
        assertThat(aws("create-repository", "--repository-name", "cli/locked", "--image-tag-mutability", "IMMUTABLE")
                .exitCode()).isZero();
        uploadBlobsOf("cli/locked", "one");
        uploadBlobsOf("cli/locked", "two");
        assertThat(aws("put-image", "--repository-name", "cli/locked", "--image-tag", "v1",
                "--image-manifest", Manifests.dockerV2("one")).exitCode()).isZero();

        CliResult refused = aws("put-image", "--repository-name", "cli/locked", "--image-tag", "v1",
                "--image-manifest", Manifests.dockerV2("two"));

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("An error occurred (ImageTagAlreadyExistsException) when calling the"
                + " PutImage operation: The image tag 'v1' already exists in the 'cli/locked' repository and cannot"
                + " be overwritten because the tag is immutable.");
    }

    @Test
    void theRetagWorkflowWorksFromTheCli() throws Exception {
        aws("create-repository", "--repository-name", "cli/retag");
        String manifest = Manifests.oci("retag");
        uploadBlobsOf("cli/retag", "retag");
        aws("put-image", "--repository-name", "cli/retag", "--image-tag", "1.0", "--image-manifest", manifest);

        CliResult got = aws("batch-get-image", "--repository-name", "cli/retag", "--image-ids", "imageTag=1.0");
        String fetched = got.json().at("/images/0/imageManifest").asText();
        CliResult retagged = aws("put-image", "--repository-name", "cli/retag", "--image-tag", "prod",
                "--image-manifest", fetched);

        assertThat(retagged.exitCode()).as(retagged.stderr()).isZero();
        assertThat(retagged.json().at("/image/imageId/imageDigest").asText()).isEqualTo(Digests.of(manifest));
    }

    @Test
    void aMissingRepositoryIsReportedByName() throws Exception {
        CliResult missing = aws("describe-repositories", "--repository-names", "nope");

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("An error occurred (RepositoryNotFoundException) when calling the"
                + " DescribeRepositories operation: The repository with name 'nope' does not exist in the registry"
                + " with id '123456789012'");
    }

    // ---- one call per group of registry-level operations (issue #16) ----------------------------------------

    @Test
    void accountSettingsFromTheCli() throws Exception {
        CliResult put = aws("put-account-setting", "--name", "BLOB_MOUNTING", "--value", "ENABLED");
        assertThat(put.exitCode()).as(put.stderr()).isZero();

        CliResult got = aws("get-account-setting", "--name", "BLOB_MOUNTING");

        assertThat(got.exitCode()).as(got.stderr()).isZero();
        assertThat(got.json().get("value").asText()).isEqualTo("ENABLED");
    }

    @Test
    void registryScanningFromTheCli() throws Exception {
        CliResult put = aws("put-registry-scanning-configuration", "--scan-type", "BASIC", "--rules",
                "[{\"scanFrequency\":\"SCAN_ON_PUSH\",\"repositoryFilters\":[{\"filter\":\"cli-scanned/*\","
                        + "\"filterType\":\"WILDCARD\"}]}]");
        assertThat(put.exitCode()).as(put.stderr()).isZero();

        CliResult got = aws("get-registry-scanning-configuration");

        assertThat(got.json().at("/scanningConfiguration/rules/0/repositoryFilters/0/filter").asText())
                .isEqualTo("cli-scanned/*");
    }

    @Test
    void replicationFromTheCli() throws Exception {
        CliResult put = aws("put-replication-configuration", "--replication-configuration",
                "{\"rules\":[{\"destinations\":[{\"region\":\"eu-west-1\",\"registryId\":\"123456789012\"}],"
                        + "\"repositoryFilters\":[{\"filter\":\"cli-replicated\",\"filterType\":\"PREFIX_MATCH\"}]}]}");
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        aws("create-repository", "--repository-name", "cli-replicated/app");
        uploadBlobsOf("cli-replicated/app", "replicated");
        aws("put-image", "--repository-name", "cli-replicated/app", "--image-tag", "1.0",
                "--image-manifest", Manifests.dockerV2("replicated"));

        CliResult status = aws("describe-image-replication-status", "--repository-name", "cli-replicated/app",
                "--image-id", "imageTag=1.0");

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.json().at("/replicationStatuses/0/region").asText()).isEqualTo("eu-west-1");
        assertThat(status.json().at("/replicationStatuses/0/status").asText()).isEqualTo("COMPLETE");
        assertThat(aws("describe-registry").json().at("/replicationConfiguration/rules/0/destinations/0/region").asText())
                .isEqualTo("eu-west-1");
    }

    @Test
    void creationTemplatesFromTheCli() throws Exception {
        CliResult created = aws("create-repository-creation-template", "--prefix", "cli-template",
                "--applied-for", "REPLICATION", "PULL_THROUGH_CACHE", "--image-tag-mutability", "IMMUTABLE");
        assertThat(created.exitCode()).as(created.stderr()).isZero();

        CliResult described = aws("describe-repository-creation-templates", "--prefixes", "cli-template");

        assertThat(described.json().at("/repositoryCreationTemplates/0/imageTagMutability").asText()).isEqualTo("IMMUTABLE");
    }

    @Test
    void signingExclusionsAndReferrersFromTheCli() throws Exception {
        CliResult signing = aws("put-signing-configuration", "--signing-configuration",
                "{\"rules\":[{\"signingProfileArn\":\"arn:aws:signer:us-east-1:123456789012:/signing-profiles/cli\","
                        + "\"repositoryFilters\":[{\"filter\":\"cli-signed*\",\"filterType\":\"WILDCARD_MATCH\"}]}]}");
        assertThat(signing.exitCode()).as(signing.stderr()).isZero();
        CliResult exclusion = aws("register-pull-time-update-exclusion", "--principal-arn",
                "arn:aws:iam::123456789012:role/cli-scanner");
        assertThat(exclusion.exitCode()).as(exclusion.stderr()).isZero();
        aws("create-repository", "--repository-name", "cli/referred");

        CliResult referrers = aws("list-image-referrers", "--repository-name", "cli/referred",
                "--subject-id", "imageDigest=" + Manifests.digest("nothing-refers"));

        assertThat(referrers.exitCode()).as(referrers.stderr()).isZero();
        assertThat(referrers.json().get("referrers")).isEmpty();
        assertThat(aws("list-pull-time-update-exclusions").json().at("/pullTimeUpdateExclusions/0").asText())
                .isEqualTo("arn:aws:iam::123456789012:role/cli-scanner");
    }

    @Test
    void pullThroughCacheFromTheCli() throws Exception {
        CliResult created = aws("create-pull-through-cache-rule", "--ecr-repository-prefix", "cli-ecr-public",
                "--upstream-registry-url", "public.ecr.aws");
        assertThat(created.exitCode()).as(created.stderr()).isZero();

        CliResult validated = aws("validate-pull-through-cache-rule", "--ecr-repository-prefix", "cli-ecr-public");

        assertThat(validated.json().get("isValid").asBoolean()).isTrue();
        CliResult missing = aws("batch-get-image", "--repository-name", "cli-ecr-public/docker/library/alpine",
                "--image-ids", "imageTag=3.20");
        assertThat(missing.stderr()).contains("An error occurred (UnableToGetUpstreamImageException) when calling the"
                + " BatchGetImage operation");
    }
}
