package dev.fakeecr.assertj;

import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.LifecycleRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what one lifecycle policy run did. Images are named by any of their tags (as they were when
 * the policy ran) or by digest:
 * <pre>{@code
 * fake.applyLifecyclePolicies();
 * assertThat(fake).lastLifecycleRun("app").expiredExactly("1.0", "1.1").transitionedNothing();
 * }</pre>
 */
public class LifecycleRunAssert extends AbstractAssert<LifecycleRunAssert, LifecycleRun> {

    /**
     * Assertions on {@code actual}.
     *
     * @param actual the run
     */
    public LifecycleRunAssert(LifecycleRun actual) {
        super(actual, LifecycleRunAssert.class);
    }

    /**
     * The run expired exactly these images, each named by a tag or its digest, and no other.
     *
     * @param tagsOrDigests one name per expired image
     * @return this assertion object
     */
    public LifecycleRunAssert expiredExactly(String... tagsOrDigests) {
        return actedOnExactly(LifecycleAction.Type.EXPIRE, tagsOrDigests);
    }

    /**
     * The run archived exactly these images, each named by a tag or its digest, and no other.
     *
     * @param tagsOrDigests one name per archived image
     * @return this assertion object
     */
    public LifecycleRunAssert transitionedExactly(String... tagsOrDigests) {
        return actedOnExactly(LifecycleAction.Type.TRANSITION, tagsOrDigests);
    }

    /**
     * The run expired no image.
     *
     * @return this assertion object
     */
    public LifecycleRunAssert expiredNothing() {
        return expiredExactly();
    }

    /**
     * The run archived no image.
     *
     * @return this assertion object
     */
    public LifecycleRunAssert transitionedNothing() {
        return transitionedExactly();
    }

    /**
     * The image named by this tag or digest was acted on by the rule of this priority.
     *
     * @param tagOrDigest a tag the image had, or its digest
     * @param rulePriority the expected rule's {@code rulePriority}
     * @return this assertion object
     */
    public LifecycleRunAssert actedOnByRule(String tagOrDigest, int rulePriority) {
        isNotNull();
        LifecycleAction action = actual.actions().stream().filter(a -> a.names(tagOrDigest)).findFirst().orElse(null);
        if (action == null) {
            failWithMessage("Expecting the lifecycle policy of '%s' to have acted on %s, but it did not; it did:%n%s",
                    actual.repositoryName(), tagOrDigest, describe());
        } else if (action.rulePriority() != rulePriority) {
            failWithMessage("Expecting %s to have been acted on by rule %s, but rule %s did (%s)", tagOrDigest,
                    rulePriority, action.rulePriority(), action);
        }
        return this;
    }

    private LifecycleRunAssert actedOnExactly(LifecycleAction.Type type, String... names) {
        isNotNull();
        List<LifecycleAction> remaining = new ArrayList<>(actual.actions(type));
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            LifecycleAction match = remaining.stream().filter(a -> a.names(name)).findFirst().orElse(null);
            if (match == null) {
                missing.add(name);
            } else {
                remaining.remove(match);
            }
        }
        if (!missing.isEmpty() || !remaining.isEmpty()) {
            String verb = type == LifecycleAction.Type.EXPIRE ? "expire" : "transition";
            failWithMessage("Expecting the lifecycle policy of '%s' to %s exactly %s, but%s%s; it did:%n%s",
                    actual.repositoryName(), verb, Arrays.toString(names),
                    missing.isEmpty() ? "" : " it did not " + verb + " " + missing,
                    remaining.isEmpty() ? "" : (missing.isEmpty() ? "" : " and") + " it also did " + remaining,
                    describe());
        }
        return this;
    }

    private String describe() {
        if (actual.actions().isEmpty()) {
            return "  nothing";
        }
        StringBuilder text = new StringBuilder();
        actual.actions().forEach(a -> text.append("  ").append(a).append('\n'));
        return text.toString().stripTrailing();
    }
}
