package dev.fakeecr.internal.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The one evaluation of a lifecycle policy, shared by the preview and the real run (reference §3.2):
 * <ol>
 *   <li>each rule sees the images of its storage class that meet its tag requirement, including images a
 *       higher-priority rule owns or acts on (so counts include them);</li>
 *   <li>an image belongs to the first rule, by priority, that sees it: no lower rule may act on it, even when
 *       its owner leaves it alone;</li>
 *   <li>the owner acts on the image if it marks it ({@code imageCountMoreThan}: beyond the newest N by push
 *       time, or restore time; {@code since*}: older than N days on the registry's clock) and no active
 *       manifest list names it.</li>
 * </ol>
 * So an image is acted on by at most one rule. Pure: the same policy, images and time give the same decisions.
 */
public final class Evaluator {
    private static final Duration DAY = Duration.ofDays(1);

    private Evaluator() {}

    /**
     * The images the policy acts on now.
     *
     * @param policy the policy, rules in priority order
     * @param candidates the repository's images (not those being restored)
     * @param now the registry's time
     * @return one decision per image acted on, in the order of {@code candidates}
     */
    public static List<Decision> evaluate(LifecyclePolicy policy, List<Candidate> candidates, Instant now) {
        List<LifecycleRule> rules = policy.rules();
        BitSet[] countMarks = new BitSet[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).countType() == LifecycleRule.CountType.IMAGE_COUNT_MORE_THAN) {
                countMarks[r] = markBeyondNewest(rules.get(r), candidates);
            }
        }
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate image = candidates.get(i);
            int owner = owner(rules, image);
            if (owner < 0 || image.referencedByManifestList()) {
                continue;
            }
            LifecycleRule rule = rules.get(owner);
            boolean marked = countMarks[owner] != null ? countMarks[owner].get(i) : olderThan(rule, image, now);
            if (marked) {
                decisions.add(new Decision(image, rule.action(), rule.priority()));
            }
        }
        return decisions;
    }

    /** The first rule, by priority, that sees the image; -1 if none does. */
    private static int owner(List<LifecycleRule> rules, Candidate image) {
        for (int r = 0; r < rules.size(); r++) {
            if (sees(rules.get(r), image)) {
                return r;
            }
        }
        return -1;
    }

    private static boolean sees(LifecycleRule rule, Candidate image) {
        return rule.storageClass() == image.storageClass() && rule.selects(image.tags());
    }

    /** {@code imageCountMoreThan}: every image the rule sees past the newest {@code countNumber}. */
    private static BitSet markBeyondNewest(LifecycleRule rule, List<Candidate> candidates) {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (sees(rule, candidates.get(i))) {
                seen.add(i);
            }
        }
        BitSet marked = new BitSet(candidates.size());
        if (seen.size() <= rule.countNumber()) {
            return marked;
        }
        // Newest first; equal times: the later push is the newer (ECR documents no tie-break).
        Comparator<Integer> newestFirst = Comparator.<Integer, Instant>comparing(i -> ageReference(candidates.get(i)))
                .thenComparingLong(i -> candidates.get(i).sequence()).reversed();
        seen.sort(newestFirst);
        for (int k = (int) rule.countNumber(); k < seen.size(); k++) {
            marked.set(seen.get(k));
        }
        return marked;
    }

    /** What "newest" means for counting: the push time, or the restore time of a restored image. */
    private static Instant ageReference(Candidate image) {
        return image.lastActivatedAt() != null && image.lastActivatedAt().isAfter(image.pushedAt())
                ? image.lastActivatedAt() : image.pushedAt();
    }

    /** The {@code since*} count types: strictly more than {@code countNumber} days before {@code now}. */
    private static boolean olderThan(LifecycleRule rule, Candidate image, Instant now) {
        Instant reference = switch (rule.countType()) {
            case SINCE_IMAGE_PUSHED -> image.pushedAt();
            case SINCE_IMAGE_PULLED -> latest(latest(image.pushedAt(), image.lastPulledAt()), image.lastActivatedAt());
            case SINCE_IMAGE_TRANSITIONED -> image.lastArchivedAt();
            case IMAGE_COUNT_MORE_THAN -> throw new IllegalStateException("counted, not aged");
        };
        if (reference == null) {
            return false; // an archived image without an archive time cannot be aged; never acted on
        }
        return Duration.between(reference, now).compareTo(DAY.multipliedBy(rule.countNumber())) > 0;
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || (a != null && a.isAfter(b)) ? a : b;
    }
}
