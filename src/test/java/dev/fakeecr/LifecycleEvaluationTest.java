package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.ImageStatus;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.LifecycleRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;

/**
 * The evaluation rules of lifecycle-policies.md §3, each on a registry whose images were pushed at chosen
 * times of the registry's clock: the preview (through the SDK) and the real run must agree on every case,
 * and the real run leaves exactly the other images.
 */
class LifecycleEvaluationTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").withoutLayerChecks().build();

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String EXPIRE = "{\"type\":\"expire\"}";
    static final String ARCHIVE = "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}";

    private EcrClient ecr;
    private FakeEcr fake;
    /** Image names of the scenario, by digest. */
    private final Map<String, String> names = new HashMap<>();

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
    }

    /** Pushes an image named {@code name}, {@code daysAgo} days before NOW, with these tags (none: untagged). */
    private String image(String name, double daysAgo, String... tags) {
        return push(name, Manifests.oci(name), daysAgo, tags);
    }

    private String push(String name, String manifest, double daysAgo, String... tags) {
        fake.clock().set(NOW.minus(Duration.ofMinutes(Math.round(daysAgo * 24 * 60))));
        String digest = tags.length == 0 ? fake.putImage("app", null, manifest, null).digest()
                : fake.putImage("app", tags[0], manifest).digest();
        for (int i = 1; i < tags.length; i++) {
            fake.putImage("app", tags[i], manifest);
        }
        fake.clock().set(NOW);
        names.put(digest, name);
        return digest;
    }

    static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    static String rule(int priority, String selection, String action) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"rule " + priority + "\",\"selection\":" + selection
                + ",\"action\":" + action + "}";
    }

    static String count(String tagSelection, int n) {
        return "{" + tagSelection + ",\"countType\":\"imageCountMoreThan\",\"countNumber\":" + n + "}";
    }

    static String since(String tagSelection, String countType, int days) {
        return "{" + tagSelection + ",\"countType\":\"" + countType + "\",\"countUnit\":\"days\",\"countNumber\":" + days + "}";
    }

    static String prefixes(String... prefixes) {
        return "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"" + String.join("\",\"", prefixes) + "\"]";
    }

    static String patterns(String... patterns) {
        return "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"" + String.join("\",\"", patterns) + "\"]";
    }

    static final String ANY = "\"tagStatus\":\"any\"";
    static final String UNTAGGED = "\"tagStatus\":\"untagged\"";

    /**
     * Puts the policy, previews it through the SDK, applies it, and checks that both hit exactly {@code expected}
     * (image name -> "EXPIRE 1" / "TRANSITION 2") and that the expired images are gone and no other.
     */
    private LifecycleRun check(String policy, Map<String, String> expected) {
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(policy));
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app"));
        Map<String, String> previewed = new TreeMap<>();
        String token = null;
        do {
            String page = token;
            GetLifecyclePolicyPreviewResponse response = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app")
                    .maxResults(2).nextToken(page));
            for (LifecyclePolicyPreviewResult result : response.previewResults()) {
                previewed.put(names.get(result.imageDigest()), result.action().typeAsString() + " " + result.appliedRulePriority());
            }
            token = response.nextToken();
        } while (token != null);
        assertThat(previewed).as("preview").isEqualTo(new TreeMap<>(expected));
        int before = fake.images("app").size();

        LifecycleRun run = fake.applyLifecyclePolicy("app");
        Map<String, String> applied = new TreeMap<>();
        run.actions().forEach(a -> applied.put(names.get(a.digest()), a.type() + " " + a.rulePriority()));
        assertThat(applied).as("apply").isEqualTo(new TreeMap<>(expected));
        long expired = expected.values().stream().filter(v -> v.startsWith("EXPIRE")).count();
        assertThat(fake.images("app")).as("images left").hasSize((int) (before - expired));
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String digest = digestOf(entry.getKey());
            if (entry.getValue().startsWith("EXPIRE")) {
                assertThat(fake.image("app", digest)).as(entry.getKey() + " expired").isEmpty();
            } else {
                assertThat(fake.image("app", digest).orElseThrow().status()).isEqualTo(ImageStatus.ARCHIVED);
            }
        }
        return run;
    }

    private String digestOf(String name) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
    }

    // ---- the user guide's worked examples (D3) ----------------------------------------------------------------

    @Test
    void multipleRulesExampleA() {
        image("A", 10, "beta-1", "prod-1");
        image("B", 9, "beta-2", "prod-2");
        image("C", 8, "beta-3");
        check(policy(rule(1, count(prefixes("prod"), 1), EXPIRE), rule(2, count(prefixes("beta"), 1), EXPIRE)),
                Map.of("A", "EXPIRE 1"));
    }

    @Test
    void multipleRulesExampleB() {
        image("A", 10, "beta-1", "prod-1");
        image("B", 9, "beta-2", "prod-2");
        image("C", 8, "beta-3", "prod-3");
        image("D", 7, "beta-4");
        // Rule 2 marks A, B and C, but C is prod: rule 1 owns it and keeps it.
        check(policy(rule(1, count(prefixes("prod"), 1), EXPIRE), rule(2, count(prefixes("beta"), 1), EXPIRE)),
                Map.of("A", "EXPIRE 1", "B", "EXPIRE 1"));
    }

    @Test
    void multipleTagsExampleA() {
        image("A", 12, "alpha-1");
        image("B", 11, "beta-1");
        image("C", 10, "alpha-2", "beta-2");
        image("D", 4, "alpha-3", "beta-3");
        // Every entry of the list must match one of the image's tags: only images with both alpha and beta tags.
        check(policy(rule(1, since(prefixes("alpha", "beta"), "sinceImagePushed", 5), EXPIRE)), Map.of("C", "EXPIRE 1"));
    }

    @Test
    void multipleTagsExampleB() {
        image("A", 10, "alpha-1", "beta-1");
        image("B", 9, "alpha-2", "beta-2");
        image("C", 8, "alpha-3", "beta-3");
        image("D", 7, "alpha-4");
        check(policy(rule(1, count(prefixes("alpha", "beta"), 1), EXPIRE)), Map.of("A", "EXPIRE 1", "B", "EXPIRE 1"));
    }

    @Test
    void allImagesExampleA() {
        image("A", 4, "alpha-1");
        image("B", 3);
        image("C", 2, "alpha-2");
        image("D", 1, "git-hash");
        check(policy(rule(1, count(ANY, 1), EXPIRE)), Map.of("A", "EXPIRE 1", "B", "EXPIRE 1", "C", "EXPIRE 1"));
    }

    @Test
    void allImagesExampleB() {
        image("A", 5, "alpha-1");
        image("B", 4);
        image("C", 3, "alpha-2");
        image("D", 2, "git-hash");
        image("E", 1);
        // Rule 3 counts every image, including those rules 1 and 2 own: it keeps E and marks A-D, but acts only
        // on D, the one image it owns.
        check(policy(rule(1, count(prefixes("alpha"), 1), EXPIRE), rule(2, count(UNTAGGED, 1), EXPIRE),
                        rule(3, count(ANY, 1), EXPIRE)),
                Map.of("A", "EXPIRE 1", "B", "EXPIRE 2", "D", "EXPIRE 3"));
    }

    // ---- matching --------------------------------------------------------------------------------------------

    @Test
    void patternsMatchTheWholeTagAndPrefixesItsStart() {
        image("begins", 30, "prod-1");
        image("contains", 30, "repo-production");
        image("exact", 30, "release");
        image("longer", 30, "release-2");
        image("case", 30, "PROD-2");
        check(policy(rule(1, since(patterns("*prod*"), "sinceImagePushed", 7), EXPIRE),
                        rule(2, since(patterns("release"), "sinceImagePushed", 7), EXPIRE)),
                Map.of("begins", "EXPIRE 1", "contains", "EXPIRE 1", "exact", "EXPIRE 2"));
    }

    @Test
    void aTagSelectionProtectsFromLowerRulesEvenWhenItKeepsTheImage() {
        image("old-prod", 100, "prod-1");
        image("old-dev", 100, "dev-1");
        check(policy(rule(1, count(prefixes("prod"), 5), EXPIRE), rule(2, since(ANY, "sinceImagePushed", 30), EXPIRE)),
                Map.of("old-dev", "EXPIRE 2"));
    }

    @Test
    void sinceImagePushedNeedsMoreThanTheDays() {
        image("eight", 8, "a");
        image("six", 6, "b");
        check(policy(rule(1, since(ANY, "sinceImagePushed", 7), EXPIRE)), Map.of("eight", "EXPIRE 1"));
    }

    @Test
    void imageCountMoreThanKeepsTheNewestByPushTime() {
        for (int i = 1; i <= 5; i++) {
            image("v" + i, 10 - i, "v" + i); // v5 is the newest
        }
        check(policy(rule(1, count(prefixes("v"), 3), EXPIRE)), Map.of("v1", "EXPIRE 1", "v2", "EXPIRE 1"));
        assertThat(fake.images("app")).extracting(i -> i.tags().get(0)).containsExactly("v3", "v4", "v5");
    }

    // ---- pulls, archive and restore ---------------------------------------------------------------------------

    @Test
    void sinceImagePulledArchivesImagesNotPulledLately() {
        image("pulled", 100, "pulled");
        image("never", 100, "never");
        image("young", 10, "young");
        fake.clock().set(NOW.minus(Duration.ofDays(5)));
        ecr.batchGetImage(r -> r.repositoryName("app").imageIds(i -> i.imageTag("pulled")));
        fake.clock().set(NOW);

        check(policy(rule(1, since(ANY, "sinceImagePulled", 30), ARCHIVE)), Map.of("never", "TRANSITION 1"));

        var described = ecr.describeImages(r -> r.repositoryName("app").filter(f -> f.imageStatus(ImageStatusFilter.ARCHIVED)));
        assertThat(described.imageDetails()).singleElement().satisfies(d -> {
            assertThat(d.imageTags()).containsExactly("never");
            assertThat(d.imageStatusAsString()).isEqualTo("ARCHIVED");
            assertThat(d.lastArchivedAt()).isEqualTo(NOW);
        });
        assertThat(ecr.describeImages(r -> r.repositoryName("app")).imageDetails())
                .as("archived images are not listed by default").extracting(d -> d.imageTags().get(0))
                .containsExactlyInAnyOrder("pulled", "young");
        assertThat(ecr.batchGetImage(r -> r.repositoryName("app").imageIds(i -> i.imageTag("never"))).failures())
                .as("an archived image cannot be pulled").singleElement()
                .satisfies(f -> assertThat(f.failureCodeAsString()).isEqualTo("ImageNotFound"));
    }

    @Test
    void archivedImagesExpireOnlyAfterTheirTimeInArchive() {
        image("old", 400, "old");
        image("new", 1, "new");
        String policy = policy(rule(1, since(ANY, "sinceImagePushed", 365), ARCHIVE),
                rule(2, "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\","
                        + "\"countUnit\":\"days\",\"countNumber\":90}", EXPIRE));
        check(policy, Map.of("old", "TRANSITION 1"));

        fake.clock().advance(Duration.ofDays(60));
        assertThat(fake.applyLifecyclePolicy("app").actions()).as("60 days in archive").isEmpty();

        fake.clock().advance(Duration.ofDays(31));
        LifecycleRun run = fake.applyLifecyclePolicy("app");
        assertThat(run.actions()).singleElement().satisfies(a -> {
            assertThat(a.tags()).containsExactly("old");
            assertThat(a.type()).isEqualTo(LifecycleAction.Type.EXPIRE);
            assertThat(a.rulePriority()).isEqualTo(2);
            assertThat(a.storageClass()).hasToString("ARCHIVE");
        });
        assertThat(fake.image("app", "old")).isEmpty();
    }

    @Test
    void aRestoredImageIsAgedFromItsRestore() {
        String digest = image("restored", 100, "restored");
        ecr.updateImageStorageClass(r -> r.repositoryName("app").imageId(i -> i.imageTag("restored")).targetStorageClass("ARCHIVE"));
        var restoring = ecr.updateImageStorageClass(r -> r.repositoryName("app").imageId(i -> i.imageDigest(digest))
                .targetStorageClass("STANDARD"));
        assertThat(restoring.imageStatusAsString()).isEqualTo("ACTIVATING");
        assertThat(fake.applyLifecyclePolicies()).isEmpty(); // no policy yet: nothing ran

        fake.clock().advance(Duration.ofMinutes(20));
        assertThat(fake.image("app", digest).orElseThrow().status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(fake.image("app", digest).orElseThrow().lastActivatedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        fake.clock().advance(Duration.ofDays(10));
        // Pushed 110 days ago, never pulled, but restored 10 days ago: a 30-day rule leaves it.
        assertThat(check(policy(rule(1, since(ANY, "sinceImagePulled", 30), ARCHIVE)), Map.of()).actions()).isEmpty();
    }

    // ---- manifest lists and referrers ---------------------------------------------------------------------------

    @Test
    void imagesOfAManifestListStayWhileTheListDoes() {
        String amd = image("amd64", 50);
        String arm = image("arm64", 50);
        push("index", Manifests.dockerManifestList(amd, arm), 50, "v1");
        image("newer", 1, "v2");
        // The children are untagged and old, but the list names them; the list is kept by rule 1.
        check(policy(rule(1, count(prefixes("v"), 2), EXPIRE), rule(2, since(UNTAGGED, "sinceImagePushed", 7), EXPIRE)),
                Map.of());
    }

    @Test
    void childrenOfAListExpiredInARunGoInTheNextRun() {
        String amd = image("amd64", 50);
        String arm = image("arm64", 50);
        push("index", Manifests.dockerManifestList(amd, arm), 50, "v1");
        image("newer", 1, "v2");
        String policy = policy(rule(1, count(prefixes("v"), 1), EXPIRE), rule(2, since(UNTAGGED, "sinceImagePushed", 7), EXPIRE));
        check(policy, Map.of("index", "EXPIRE 1"));
        assertThat(fake.applyLifecyclePolicy("app").actions()).extracting(a -> names.get(a.digest()))
                .containsExactlyInAnyOrder("amd64", "arm64");
    }

    @Test
    void aReferrerFollowsItsSubject() {
        String subject = image("subject", 40, "old");
        String signature = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.dev.cosign.artifact.sig.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,"
                + "\"digest\":\"" + Manifests.digest("empty") + "\"},"
                + "\"layers\":[],\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":100,"
                + "\"digest\":\"" + subject + "\"}}";
        String referrer = push("signature", signature, 1);
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(
                policy(rule(1, since(prefixes("old"), "sinceImagePushed", 30), EXPIRE))));

        LifecycleRun run = fake.applyLifecyclePolicy("app");
        assertThat(run.actions()).extracting(LifecycleAction::digest).containsExactly(subject, referrer);
        assertThat(fake.images("app")).isEmpty();
    }

    // ---- when policies run -------------------------------------------------------------------------------------

    @Test
    void policiesRunOnlyWhenAsked() {
        image("old", 10, "old");
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(
                policy(rule(1, since(ANY, "sinceImagePushed", 14), EXPIRE))));
        fake.clock().advance(Duration.ofDays(8));
        assertThat(fake.image("app", "old")).as("the clock moved, but nothing asked the policy to run").isPresent();
        assertThat(fake.lifecycleRuns()).isEmpty();
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("app")).lastEvaluatedAt()).isEqualTo(Instant.EPOCH);

        fake.applyLifecyclePoliciesWhenClockMoves(true);
        fake.clock().advance(Duration.ofSeconds(1));
        assertThat(fake.image("app", "old")).isEmpty();
        assertThat(fake.lifecycleRuns()).singleElement().satisfies(run -> {
            assertThat(run.repositoryName()).isEqualTo("app");
            assertThat(run.evaluatedAt()).isEqualTo(NOW.plus(Duration.ofDays(8)).plusSeconds(1));
            assertThat(run.actions()).extracting(LifecycleAction::tags).containsExactly(List.of("old"));
        });
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("app")).lastEvaluatedAt())
                .as("GetLifecyclePolicy reports the run").isEqualTo(NOW.plus(Duration.ofDays(8)).plusSeconds(1));
    }

    @Test
    void applyingARepositoryWithoutAPolicyIsAnError() {
        assertThat(catchThrowable(() -> fake.applyLifecyclePolicy("app")))
                .hasMessage("Lifecycle policy does not exist for the repository with name 'app' in the registry with id '"
                        + fake.accountId() + "'");
        assertThat(fake.applyLifecyclePolicies()).isEmpty();
    }

    @Test
    void thePreviewChangesNothing() {
        image("old", 100, "old");
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(
                policy(rule(1, since(ANY, "sinceImagePushed", 1), EXPIRE))));
        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app")).previewResults()).hasSize(1);
        assertThat(fake.image("app", "old")).isPresent();
        assertThat(catchThrowable(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("app"))))
                .as("a previewed text is not stored").isInstanceOf(LifecyclePolicyNotFoundException.class);
        assertThat(new ArrayList<>(fake.lifecycleRuns())).isEmpty();
    }
}
