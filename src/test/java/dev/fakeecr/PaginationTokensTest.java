package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.registry.RegistryConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * Page tokens say where a listing stands (after the last item returned) and belong to one listing: a
 * listing under deletes never skips an item present throughout nor repeats one, and a token replayed in
 * another account, repository, operation or filter is refused with InvalidParameterException.
 */
class PaginationTokensTest {
    private static final String INVALID_TOKEN =
            "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid pagination token'";

    private static final RegistryConfig SYNTHETIC = RegistryConfig.DEFAULTS.withLayerChecks(false);

    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    private static List<String> push(FakeEcr fake, String repository, int count) {
        fake.createRepository(repository);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tag = "t" + i;
            fake.client().putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(Manifests.dockerV2(tag)));
            tags.add(tag);
        }
        return tags;
    }

    private static ImageIdentifier tag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }

    @Test
    void listImagesDoesNotSkipTheItemAfterDeletedOnes() {
        try (FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC)) {
            push(fake, "app", 10);
            EcrClient ecr = fake.client();
            var first = ecr.listImages(r -> r.repositoryName("app").maxResults(5));
            ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag("t1"), tag("t5")));

            var second = ecr.listImages(r -> r.repositoryName("app").maxResults(5).nextToken(first.nextToken()));

            assertThat(first.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("t0", "t1", "t2", "t3", "t4");
            assertThat(second.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("t6", "t7", "t8", "t9");
            assertThat(second.nextToken()).isNull();
        }
    }

    @Test
    void describeImagesDoesNotSkipTheItemAfterDeletedOnes() {
        try (FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC)) {
            push(fake, "app", 10);
            EcrClient ecr = fake.client();
            var first = ecr.describeImages(r -> r.repositoryName("app").maxResults(5));
            ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag("t1"), tag("t5")));

            var second = ecr.describeImages(r -> r.repositoryName("app").maxResults(5).nextToken(first.nextToken()));

            assertThat(second.imageDetails()).flatExtracting(ImageDetail::imageTags).containsExactly("t6", "t7", "t8", "t9");
        }
    }

    @Test
    void describeRepositoriesDoesNotSkipTheItemAfterDeletedOnes() {
        try (FakeEcr fake = server.account("111111111111", "us-east-1")) {
            for (int i = 0; i < 10; i++) {
                fake.createRepository("r" + i);
            }
            EcrClient ecr = fake.client();
            var first = ecr.describeRepositories(r -> r.maxResults(5));
            ecr.deleteRepository(r -> r.repositoryName("r1"));
            ecr.deleteRepository(r -> r.repositoryName("r5"));

            var second = ecr.describeRepositories(r -> r.maxResults(5).nextToken(first.nextToken()));

            assertThat(second.repositories()).extracting(r -> r.repositoryName()).containsExactly("r6", "r7", "r8", "r9");
        }
    }

    @Test
    void aListingUnderRandomDeletesListsEverySurvivorOnceAndNothingTwice() {
        Random random = new Random(18);
        try (FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC)) {
            List<String> all = push(fake, "app", 60);
            EcrClient ecr = fake.client();
            Set<String> deleted = new HashSet<>();
            List<String> listed = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                var page = ecr.listImages(r -> r.repositoryName("app").maxResults(4).nextToken(next));
                page.imageIds().forEach(id -> listed.add(id.imageTag()));
                token = page.nextToken();
                for (int i = 0; i < 3; i++) { // delete anywhere: before, at and after where the listing stands
                    String victim = all.get(random.nextInt(all.size()));
                    if (deleted.add(victim)) {
                        ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag(victim)));
                    }
                }
            } while (token != null);

            assertThat(listed).doesNotHaveDuplicates();
            List<String> survivors = new ArrayList<>(all);
            survivors.removeAll(deleted);
            assertThat(listed).containsAll(survivors);
        }
    }

    @Test
    void aTokenIsRefusedInAnotherAccountRepositoryOperationOrFilter() {
        try (FakeEcr a = server.account("111111111111", "us-east-1", SYNTHETIC);
             FakeEcr b = server.account("222222222222", "us-east-1", SYNTHETIC)) {
            push(a, "app", 3);
            push(a, "other", 3);
            push(b, "app", 3);
            String token = a.client().listImages(r -> r.repositoryName("app").maxResults(1)).nextToken();
            assertThat(token).isNotNull();

            List<Function<String, Throwable>> replays = List.of(
                    t -> catchThrowable(() -> b.client().listImages(r -> r.repositoryName("app").nextToken(t))),
                    t -> catchThrowable(() -> a.client().listImages(r -> r.repositoryName("other").nextToken(t))),
                    t -> catchThrowable(() -> a.client().describeImages(r -> r.repositoryName("app").nextToken(t))),
                    t -> catchThrowable(() -> a.client().listImages(r -> r.repositoryName("app").nextToken(t)
                            .filter(f -> f.tagStatus(TagStatus.TAGGED)))),
                    t -> catchThrowable(() -> a.client().describeRepositories(r -> r.nextToken(t))));
            for (Function<String, Throwable> replay : replays) {
                assertInvalidParameter(replay.apply(token), INVALID_TOKEN);
            }
            assertThat(a.client().listImages(r -> r.repositoryName("app").nextToken(token)).imageIds())
                    .as("still good where it was issued").hasSize(2);
        }
    }

    @Test
    void theUnorderedListingsTokensAreBoundToTheirListingToo() {
        try (FakeEcr a = server.account("111111111111", "us-east-1", SYNTHETIC);
             FakeEcr b = server.account("222222222222", "us-east-1", SYNTHETIC)) {
            for (FakeEcr fake : List.of(a, b)) {
                for (String prefix : List.of("one", "two", "three")) {
                    fake.client().createRepositoryCreationTemplate(r -> r.prefix(prefix)
                            .appliedForWithStrings("REPLICATION"));
                }
            }
            String token = a.client().describeRepositoryCreationTemplates(r -> r.maxResults(1)).nextToken();
            assertThat(token).isNotNull();

            assertInvalidParameter(catchThrowable(() -> b.client().describeRepositoryCreationTemplates(
                    r -> r.nextToken(token))), INVALID_TOKEN);
            assertInvalidParameter(catchThrowable(() -> a.client().describePullThroughCacheRules(
                    r -> r.nextToken(token))), INVALID_TOKEN);
            assertThat(a.client().describeRepositoryCreationTemplates(r -> r.nextToken(token))
                    .repositoryCreationTemplates()).as("still good where it was issued").hasSize(2);
        }
    }

    @Test
    void aForgedTokenIsRefused() {
        try (FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC)) {
            push(fake, "app", 3);
            String token = fake.client().listImages(r -> r.repositoryName("app").maxResults(1)).nextToken();
            String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

            assertInvalidParameter(catchThrowable(() -> fake.client().listImages(r -> r.repositoryName("app")
                    .nextToken(forged))), INVALID_TOKEN);
        }
    }
}
