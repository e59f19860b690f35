package dev.fakeecr.internal.protocol;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.TagMutability;
import java.util.regex.Pattern;

/**
 * The API's own parameter checks, for input that reaches the registry another way (the standalone's seed
 * file): each throws the {@link EcrError} the API would answer for the same value.
 */
public final class InputChecks {
    /** A region's form ({@code us-east-1}, {@code us-gov-west-1}, {@code eu-isoe-west-1}). */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private InputChecks() {}

    /** A repository name, as CreateRepository checks {@code repositoryName}. */
    public static String repositoryName(String name) {
        return Params.repositoryName("repositoryName", name);
    }

    /** An optional image tag, as PutImage checks {@code imageTag}. */
    public static String imageTag(String tag) {
        return Params.imageTag("imageTag", tag);
    }

    /** A manifest's text, as PutImage checks {@code imageManifest} (its content is the registry's to read). */
    public static String imageManifest(String manifest) {
        return Params.imageManifest(manifest);
    }

    /** An optional tag mutability, as CreateRepository checks {@code imageTagMutability}; absent is MUTABLE. */
    public static TagMutability tagMutability(String value) {
        TagMutability mutability = Params.enumValue("imageTagMutability", value, TagMutability.class);
        mutability = mutability == null ? TagMutability.MUTABLE : mutability;
        Params.exclusionFilters(mutability, null); // the *_WITH_EXCLUSION modes need filters a seed cannot give
        return mutability;
    }

    /** Whether a name has a region's form. */
    public static boolean isRegion(String region) {
        return region != null && REGION.matcher(region).matches();
    }
}
