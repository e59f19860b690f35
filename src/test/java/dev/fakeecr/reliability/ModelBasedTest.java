package dev.fakeecr.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.Manifests;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RegistryConfig;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * Random sequences of PutImage, BatchDeleteImage and PutImageTagMutability against the fake and against a
 * small reference model of ECR's rules written independently here; every answer and the final state
 * must agree.
 */
class ModelBasedTest {
    private static final List<String> TAGS = List.of("a", "b", "c", "latest");

    /** The rules, as plainly as they can be said: digests, where each tag points, the mutability. */
    static final class Model {
        final Set<String> digests = new LinkedHashSet<>();
        final Map<String, String> tags = new HashMap<>();
        boolean immutable;

        /** The error code PutImage answers, or null on success. */
        String put(String digest, String tag) {
            boolean exists = digests.contains(digest);
            String current = tag == null ? null : tags.get(tag);
            if (exists && (tag == null || digest.equals(current))) {
                return "ImageAlreadyExistsException";
            }
            if (current != null && immutable) {
                return "ImageTagAlreadyExistsException";
            }
            digests.add(digest);
            if (tag != null) {
                tags.put(tag, digest);
            }
            return null;
        }

        /** The failure code for deleting by tag, or null when deleted. */
        String deleteTag(String tag) {
            String digest = tags.remove(tag);
            if (digest == null) {
                return "ImageNotFound";
            }
            if (!tags.containsValue(digest)) {
                digests.remove(digest);
            }
            return null;
        }

        String deleteDigest(String digest) {
            if (!digests.remove(digest)) {
                return "ImageNotFound";
            }
            tags.values().removeIf(digest::equals);
            return null;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theFakeAgreesWithTheModel(long seed) {
        Random random = new Random(seed);
        Model model = new Model();
        try (FakeEcrServer server = FakeEcrServer.start();
             FakeEcr fake = server.account("123456789012", "us-east-1", RegistryConfig.DEFAULTS.withLayerChecks(false))) {
            EcrClient ecr = fake.client();
            ecr.createRepository(r -> r.repositoryName("repo"));
            for (int step = 0; step < 200; step++) {
                String manifest = Manifests.dockerV2("m" + random.nextInt(6));
                String digest = Digests.of(manifest);
                String tag = random.nextInt(5) == 0 ? null : TAGS.get(random.nextInt(TAGS.size()));
                String context = "seed " + seed + ", step " + step;
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> {
                        String expected = model.put(digest, tag);
                        String actual = errorCode(() -> ecr.putImage(r -> r.repositoryName("repo").imageTag(tag).imageManifest(manifest)));
                        assertThat(actual).as("PutImage %s:%s (%s)", digest, tag, context).isEqualTo(expected);
                    }
                    case 3 -> {
                        String deleteTag = TAGS.get(random.nextInt(TAGS.size()));
                        String expected = model.deleteTag(deleteTag);
                        BatchDeleteImageResponse response = ecr.batchDeleteImage(r -> r.repositoryName("repo")
                                .imageIds(ImageIdentifier.builder().imageTag(deleteTag).build()));
                        assertThat(response.failures().isEmpty() ? null : response.failures().get(0).failureCodeAsString())
                                .as("delete tag %s (%s)", deleteTag, context).isEqualTo(expected);
                    }
                    case 4 -> {
                        String expected = model.deleteDigest(digest);
                        BatchDeleteImageResponse response = ecr.batchDeleteImage(r -> r.repositoryName("repo")
                                .imageIds(ImageIdentifier.builder().imageDigest(digest).build()));
                        assertThat(response.failures().isEmpty() ? null : response.failures().get(0).failureCodeAsString())
                                .as("delete digest %s (%s)", digest, context).isEqualTo(expected);
                    }
                    default -> {
                        model.immutable = random.nextBoolean();
                        ecr.putImageTagMutability(r -> r.repositoryName("repo").imageTagMutability(
                                model.immutable ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE));
                    }
                }
                assertThat(state(fake)).as("state after %s", context).isEqualTo(expectedState(model));
            }
        }
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
            return null;
        } catch (EcrException e) {
            return e.awsErrorDetails().errorCode();
        }
    }

    /** Digest to its sorted tags. */
    private static Map<String, Set<String>> state(FakeEcr fake) {
        Map<String, Set<String>> state = new TreeMap<>();
        for (ImageInfo image : fake.images("repo")) {
            state.put(image.digest(), new java.util.TreeSet<>(image.tags()));
        }
        return state;
    }

    private static Map<String, Set<String>> expectedState(Model model) {
        Map<String, Set<String>> state = new TreeMap<>();
        model.digests.forEach(d -> state.put(d, new java.util.TreeSet<>()));
        model.tags.forEach((tag, digest) -> state.get(digest).add(tag));
        return state;
    }
}
