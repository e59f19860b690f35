package dev.fakeecr.assertj;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.journal.Call;
import dev.fakeecr.registry.LifecycleRun;
import dev.fakeecr.registry.RepositoryInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a fake registry's state and on the calls made to it. Navigate with
 * {@link #repository(String)} and {@link #calls()}; the other methods check and return this assert,
 * so they also work with {@link EcrSoftAssertions}.
 */
public class FakeEcrAssert extends AbstractAssert<FakeEcrAssert, FakeEcr> {

    /**
     * Assertions on {@code actual}.
     *
     * @param actual the handle
     */
    public FakeEcrAssert(FakeEcr actual) {
        super(actual, FakeEcrAssert.class);
    }

    /**
     * Assertions on the named repository as it is now; they fail with the registry's state if it is missing.
     *
     * @param name the repository's name
     * @return assertions on the repository
     */
    public RepositoryAssert repository(String name) {
        isNotNull();
        return new RepositoryAssert(state(actual, name));
    }

    /**
     * Assertions on this account's registry in another region, e.g. where replication copies to:
     * {@code assertThat(fake).region("eu-west-1").repository("app").hasTag("1.0")}.
     *
     * @param region the region
     * @return assertions on that region's registry (see {@link FakeEcr#region})
     */
    public FakeEcrAssert region(String region) {
        isNotNull();
        return new FakeEcrAssert(actual.region(region));
    }

    /**
     * Assertions on another account's registry, e.g. a cross-account replication destination.
     *
     * @param accountId the account
     * @param region the region
     * @return assertions on that registry (see {@link FakeEcr#account})
     */
    public FakeEcrAssert account(String accountId, String region) {
        isNotNull();
        return new FakeEcrAssert(actual.account(accountId, region));
    }

    /**
     * The image a tag or digest names was replicated to this destination: DescribeImageReplicationStatus
     * reports it {@code COMPLETE}.
     *
     * @param repository the repository
     * @param tagOrDigest the image
     * @param region the destination's region
     * @param accountId the destination's account
     * @return this assertion object
     */
    public FakeEcrAssert hasReplicated(String repository, String tagOrDigest, String region, String accountId) {
        isNotNull();
        String status = actual.replicationStatus(repository, tagOrDigest, region, accountId).orElse(null);
        if (!"COMPLETE".equals(status)) {
            failWithMessage("Expected image <%s> of repository <%s> to be replicated to %s in %s, but its status"
                    + " there is <%s>", tagOrDigest, repository, accountId, region, status);
        }
        return this;
    }

    /**
     * Assertions on the last lifecycle policy run of the named repository ({@link FakeEcr#lifecycleRuns()});
     * fails if its policy never ran.
     *
     * @param repository the repository's name
     * @return assertions on the run
     */
    public LifecycleRunAssert lastLifecycleRun(String repository) {
        isNotNull();
        List<LifecycleRun> runs = actual.lifecycleRuns();
        LifecycleRun last = null;
        for (LifecycleRun run : runs) {
            if (run.repositoryName().equals(repository)) {
                last = run;
            }
        }
        if (last == null) {
            failWithMessage("Expecting a lifecycle policy run of repository '%s', but %s", repository,
                    runs.isEmpty() ? "no lifecycle policy ran (call applyLifecyclePolicies())" : "the runs were " + runs);
        }
        return new LifecycleRunAssert(last);
    }

    static RepositoryState state(FakeEcr fake, String name) {
        List<String> names = fake.repositories().stream().map(RepositoryInfo::name).collect(Collectors.toList());
        return fake.repository(name)
                .map(r -> new RepositoryState(name, r, fake.images(name), names))
                .orElseGet(() -> new RepositoryState(name, null, List.of(), names));
    }

    /**
     * The registry has a repository by this name.
     *
     * @param name the repository's name
     * @return this assertion object
     */
    public FakeEcrAssert hasRepository(String name) {
        isNotNull();
        if (actual.repository(name).isEmpty()) {
            failWithMessage("Expecting a repository named '%s' in account %s (%s), but the repositories are %s",
                    name, actual.accountId(), actual.region(), names());
        }
        return this;
    }

    /**
     * The registry has no repository by this name.
     *
     * @param name the repository's name
     * @return this assertion object
     */
    public FakeEcrAssert hasNoRepository(String name) {
        isNotNull();
        if (actual.repository(name).isPresent()) {
            failWithMessage("Expecting no repository named '%s' in account %s (%s), but there is one; the repositories are %s",
                    name, actual.accountId(), actual.region(), names());
        }
        return this;
    }

    /**
     * Exactly these repositories, in any order.
     *
     * @param names the expected repository names
     * @return this assertion object
     */
    public FakeEcrAssert hasOnlyRepositories(String... names) {
        isNotNull();
        List<String> expected = new ArrayList<>(List.of(names));
        List<String> present = names();
        if (!(present.containsAll(expected) && expected.containsAll(present) && present.size() == expected.size())) {
            failWithMessage("Expecting the repositories to be exactly %s, but they are %s", expected, present);
        }
        return this;
    }

    /**
     * The repository holds an image under this tag (flat form of {@code repository(name).hasTag(tag)}).
     *
     * @param repository the repository's name
     * @param tag the tag
     * @return this assertion object
     */
    public FakeEcrAssert hasImageTagged(String repository, String tag) {
        isNotNull();
        new RepositoryAssert(state(actual, repository)).hasTag(tag);
        return this;
    }

    /**
     * The tag names this digest (flat form of {@code repository(name).hasTagPointingTo(tag, digest)}).
     *
     * @param repository the repository's name
     * @param tag the tag
     * @param digest the digest of the image the tag should name
     * @return this assertion object
     */
    public FakeEcrAssert hasTagPointingTo(String repository, String tag, String digest) {
        isNotNull();
        new RepositoryAssert(state(actual, repository)).hasTagPointingTo(tag, digest);
        return this;
    }

    /**
     * Assertions on every call made so far, oldest first.
     *
     * @return assertions on the calls
     */
    public CallListAssert calls() {
        isNotNull();
        return new CallListAssert(actual.calls());
    }

    /**
     * Assertions on the calls of one operation, oldest first.
     *
     * @param operation the operation, e.g. {@code PutImage}
     * @return assertions on its calls
     */
    public CallListAssert calls(String operation) {
        isNotNull();
        return new CallListAssert(actual.calls(operation));
    }

    /**
     * No call was made at all.
     *
     * @return this assertion object
     */
    public FakeEcrAssert madeNoCalls() {
        isNotNull();
        List<Call> calls = actual.calls();
        if (!calls.isEmpty()) {
            failWithMessage("Expecting no ECR calls, but there were:%n%s", actual.describeCalls());
        }
        return this;
    }

    private List<String> names() {
        return actual.repositories().stream().map(RepositoryInfo::name).collect(Collectors.toList());
    }
}
