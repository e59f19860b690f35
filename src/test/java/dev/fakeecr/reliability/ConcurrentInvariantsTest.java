package dev.fakeecr.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.Manifests;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RegistryConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/** Eight clients on the same repositories and tags at once: ECR's invariants hold throughout and after. */
class ConcurrentInvariantsTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 150;
    private static final List<String> TAGS = List.of("a", "b", "c", "d", "e");

    @Test
    void tagsStayConsistentImmutableTagsHaveOneWinnerAndEveryCallIsJournaled() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.builder().journalCapacity(100_000).start();
             FakeEcr fake = server.account("123456789012", "us-east-1", RegistryConfig.DEFAULTS.withLayerChecks(false))) {
            EcrClient ecr = fake.client();
            ecr.createRepository(r -> r.repositoryName("hot"));
            ecr.createRepository(r -> r.repositoryName("locked").imageTagMutability(ImageTagMutability.IMMUTABLE));
            Map<String, Set<String>> lockedWinners = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            AtomicInteger requests = new AtomicInteger(2);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t);
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        String tag = TAGS.get(random.nextInt(TAGS.size()));
                        String manifest = Manifests.dockerV2("m" + random.nextInt(12));
                        requests.incrementAndGet();
                        try {
                            switch (random.nextInt(5)) {
                                case 0 -> {
                                    ecr.putImage(r -> r.repositoryName("locked").imageTag(tag).imageManifest(manifest));
                                    lockedWinners.computeIfAbsent(tag, k -> ConcurrentHashMap.newKeySet()).add(Digests.of(manifest));
                                }
                                case 1 -> ecr.putImage(r -> r.repositoryName("hot").imageTag(tag).imageManifest(manifest));
                                case 2 -> ecr.batchDeleteImage(r -> r.repositoryName("hot")
                                        .imageIds(ImageIdentifier.builder().imageTag(tag).build()));
                                case 3 -> checkConsistent(ecr.describeImages(r -> r.repositoryName("hot")).imageDetails(), violations);
                                default -> {
                                    List<ImageIdentifier> ids = ecr.listImages(r -> r.repositoryName("hot")).imageIds();
                                    Set<String> seen = new HashSet<>();
                                    ids.stream().filter(id -> id.imageTag() != null).forEach(id -> {
                                        if (!seen.add(id.imageTag())) {
                                            violations.add("ListImages showed tag " + id.imageTag() + " twice");
                                        }
                                    });
                                }
                            }
                        } catch (EcrException refused) {
                            String code = refused.awsErrorDetails().errorCode();
                            if (!code.equals("ImageTagAlreadyExistsException") && !code.equals("ImageAlreadyExistsException")) {
                                violations.add("unexpected " + code + ": " + refused.awsErrorDetails().errorMessage());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();

            assertThat(violations).isEmpty();
            lockedWinners.forEach((tag, digests) -> {
                assertThat(digests).as("one writer won immutable tag %s", tag).hasSize(1);
                assertThat(fake.image("locked", tag)).get()
                        .satisfies(i -> assertThat(i.digest()).isEqualTo(digests.iterator().next()));
            });
            Map<String, String> tagOwners = new HashMap<>();
            for (ImageInfo image : fake.images("hot")) {
                image.tags().forEach(tag -> assertThat(tagOwners.put(tag, image.digest())).as("tag %s on one image", tag).isNull());
            }
            assertThat(fake.calls()).as("one journal entry per request").hasSize(requests.get());
        }
    }

    private static void checkConsistent(List<ImageDetail> details, ConcurrentLinkedQueue<String> violations) {
        Set<String> tags = new HashSet<>();
        for (ImageDetail detail : details) {
            for (String tag : detail.imageTags()) {
                if (!tags.add(tag)) {
                    violations.add("DescribeImages showed tag " + tag + " on two images");
                }
            }
        }
    }
}
