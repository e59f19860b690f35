package dev.fakeecr.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.ImageStatus;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.LifecycleRun;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.StorageClass;
import dev.fakeecr.registry.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of lifecycle policies on random registries and random valid policies, for a fixed set of seeds
 * (a failure names its seed, so it can be replayed): the preview lists exactly what a run then does, a run
 * acts on an image at most once and leaves the other images as they were, and a policy that only selects
 * images older than every image is expires nothing.
 */
class LifecyclePropertyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    /** Every image is pushed within this many days before NOW. */
    private static final int HISTORY_DAYS = 200;
    private static final List<String> TAGS = List.of("prod-1", "prod-2", "prod-10", "beta-1", "beta-2", "release",
            "rc-1", "v1.2.3", "v2.0.0", "latest", "dev", "production-team1", "test-prod");
    private static final List<String> PREFIXES = List.of("prod", "beta", "rc", "v1", "v2", "re", "dev", "p");
    private static final List<String> PATTERNS = List.of("*prod*", "prod*", "v*.*.*", "*-1", "release", "*t*", "rc-*");

    static LongStream seeds() {
        return LongStream.range(1, 151);
    }

    /** A registry of random images, pulls and archived images, each at a random time before NOW. */
    private static Registry registry(Random random) {
        TestClock clock = new TestClock(Clock.systemUTC());
        Registry registry = new Registry("123456789012", "us-east-1", clock, RegistryConfig.DEFAULTS.withLayerChecks(false));
        registry.createRepository(RepositorySettings.named("app"));
        int images = random.nextInt(40);
        List<Instant> pushTimes = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            pushTimes.add(NOW.minus(Duration.ofMinutes(random.nextInt(HISTORY_DAYS * 24 * 60))));
        }
        Collections.sort(pushTimes);
        for (int i = 0; i < images; i++) {
            clock.set(pushTimes.get(i));
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":1,\"digest\":\""
                    + dev.fakeecr.internal.registry.Digests.of("c" + i) + "\"},\"layers\":[]}";
            int tags = random.nextInt(4);
            String first = tags == 0 ? null : TAGS.get(random.nextInt(TAGS.size()));
            String digest = registry.seedImage("app", manifest, null, first).digest();
            for (int t = 1; t < tags; t++) {
                String tag = TAGS.get(random.nextInt(TAGS.size()));
                if (registry.findImage("app", tag).map(im -> !im.digest().equals(digest)).orElse(true)) {
                    registry.seedImage("app", manifest, null, tag);
                }
            }
            if (random.nextInt(3) == 0) {
                clock.set(between(random, pushTimes.get(i), NOW));
                registry.batchGetImage("app", List.of(ImageId.ofDigest(digest)), null);
            }
            if (random.nextInt(4) == 0) {
                clock.set(between(random, pushTimes.get(i), NOW));
                registry.updateImageStorageClass("app", ImageId.ofDigest(digest), StorageClass.ARCHIVE);
            }
        }
        clock.set(NOW);
        return registry;
    }

    private static Instant between(Random random, Instant from, Instant to) {
        long minutes = Duration.between(from, to).toMinutes();
        return from.plus(Duration.ofMinutes(minutes <= 0 ? 0 : random.nextLong(minutes)));
    }

    /**
     * A random policy ECR accepts: per storage class, tagged rules with distinct lists, at most one untagged
     * rule, at most one any rule with the highest priority of its class.
     *
     * @param youngOnly whether every rule selects by age with a threshold older than every image
     */
    private static String policy(Random random, boolean youngOnly) {
        List<String> standard = new ArrayList<>();
        Set<String> lists = new HashSet<>();
        int tagged = random.nextInt(4);
        for (int i = 0; i < tagged; i++) {
            boolean prefix = random.nextBoolean();
            List<String> source = prefix ? PREFIXES : PATTERNS;
            Set<String> entries = new java.util.TreeSet<>();
            int n = 1 + random.nextInt(2);
            while (entries.size() < n) {
                entries.add(source.get(random.nextInt(source.size())));
            }
            String list = (prefix ? "tagPrefixList" : "tagPatternList") + "\":" + entries.stream()
                    .map(e -> "\"" + e + "\"").collect(Collectors.joining(",", "[", "]"));
            if (lists.add(list)) {
                standard.add("\"tagStatus\":\"tagged\",\"" + list);
            }
        }
        if (random.nextBoolean()) {
            standard.add("\"tagStatus\":\"untagged\"");
        }
        if (random.nextBoolean() || standard.isEmpty()) {
            standard.add("\"tagStatus\":\"any\"");
        }
        List<String> rules = new ArrayList<>();
        int priority = 0;
        for (String tags : standard) {
            priority += 1 + random.nextInt(5);
            rules.add(rule(priority, tags, standardCount(random, youngOnly)));
        }
        if (random.nextBoolean()) {
            priority += 1 + random.nextInt(5);
            int days = youngOnly ? HISTORY_DAYS + 1 + random.nextInt(50) : 90 + random.nextInt(60);
            rules.add(rule(priority, random.nextBoolean() ? "\"tagStatus\":\"any\"" : "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"]",
                    "\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":"
                            + days + "},\"action\":{\"type\":\"expire\"}"));
        }
        Collections.shuffle(rules, random); // the order in the text does not matter, only the priorities
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    /** The count and action of a standard-class rule, up to the closing brace of its selection. */
    private static String standardCount(Random random, boolean youngOnly) {
        int kind = youngOnly ? 1 + random.nextInt(2) : random.nextInt(3);
        String transition = "},\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}";
        String action = random.nextBoolean() ? "},\"action\":{\"type\":\"expire\"}" : transition;
        int days = youngOnly ? HISTORY_DAYS + 1 + random.nextInt(50) : 1 + random.nextInt(HISTORY_DAYS);
        return switch (kind) {
            case 0 -> "\"countType\":\"imageCountMoreThan\",\"countNumber\":" + (1 + random.nextInt(10)) + action;
            case 1 -> "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":" + days + action;
            default -> "\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":" + days + transition;
        };
    }

    private static String rule(int priority, String tags, String rest) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"random rule\",\"selection\":{" + tags + "," + rest + "}";
    }

    private static List<String> summary(List<LifecycleAction> actions) {
        return actions.stream().map(a -> a.digest() + " " + a.type() + " " + a.rulePriority()).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void thePreviewIsWhatTheRunDoes(long seed) {
        Random random = new Random(seed);
        Registry registry = registry(random);
        String policy = policy(random, false);
        List<ImageInfo> before = registry.images("app");

        registry.startLifecyclePolicyPreview("app", policy);
        List<LifecycleAction> previewed = registry.lifecyclePolicyPreview("app").results();
        assertThat(registry.images("app")).as("the preview changes nothing").isEqualTo(before);
        registry.putLifecyclePolicy("app", policy);
        LifecycleRun run = registry.applyLifecyclePolicy("app");

        assertThat(summary(run.actions())).as("seed %s, policy %s", seed, policy).isEqualTo(summary(previewed));
        Set<String> actedOn = run.actions().stream().map(LifecycleAction::digest).collect(Collectors.toSet());
        assertThat(actedOn).as("each image is acted on by at most one rule").hasSize(run.actions().size());
        for (ImageInfo image : before) {
            LifecycleAction action = run.actions().stream().filter(a -> a.digest().equals(image.digest())).findFirst()
                    .orElse(null);
            var after = registry.findImage("app", image.digest());
            if (action == null) {
                assertThat(after).as("untouched").contains(image);
            } else if (action.type() == LifecycleAction.Type.EXPIRE) {
                assertThat(after).as("expired").isEmpty();
            } else {
                assertThat(image.status()).as("only active images are archived").isEqualTo(ImageStatus.ACTIVE);
                assertThat(after.orElseThrow().status()).isEqualTo(ImageStatus.ARCHIVED);
                assertThat(after.orElseThrow().lastArchivedAt()).isEqualTo(NOW);
            }
        }
        assertThat(registry.lifecyclePolicyLastEvaluatedAt("app")).contains(NOW);
    }

    @org.junit.jupiter.api.Test
    void theRandomPoliciesActOnMostRegistries() {
        long acting = seeds().filter(seed -> {
            Random random = new Random(seed);
            Registry registry = registry(random);
            String policy = policy(random, false);
            registry.putLifecyclePolicy("app", policy);
            return !registry.applyLifecyclePolicy("app").actions().isEmpty();
        }).count();
        assertThat(acting).as("seeds whose run did something: the properties above are not vacuous")
                .isGreaterThan(seeds().count() / 2);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aPolicyForOlderImagesThanAnyDoesNothing(long seed) {
        Random random = new Random(seed);
        Registry registry = registry(random);
        String policy = policy(random, true);
        registry.putLifecyclePolicy("app", policy);
        assertThat(registry.applyLifecyclePolicy("app").actions()).as("seed %s, policy %s", seed, policy).isEmpty();
    }
}
