package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.TagMutability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ECR's own parameter validation, answered with {@code InvalidParameterException} in ECR's message style
 * ("Invalid parameter at 'member' failed to satisfy constraint: '…'"). Each check returns its value so
 * operations read as a list of validated members.
 */
final class Params {
    /**
     * The model's current pattern; it is what is enforced ({@link #isRepositoryName} checks it by hand: every
     * request names a repository, and the regular expression cost more than the rest of the validation).
     */
    static final String REPOSITORY_NAME_PATTERN =
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*";
    /** Real ECR's messages still quote the older pattern. */
    private static final String REPOSITORY_NAME_MESSAGE =
            "must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*'";
    /** The model's image tag pattern, which {@link #isImageTag} checks. */
    static final String IMAGE_TAG_PATTERN = "[a-zA-Z0-9-_.]+";
    private static final Pattern EXCLUSION_FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");
    static final int MAX_MANIFEST_LENGTH = 4_194_304;

    private Params() {}

    static String required(String member, String value) {
        if (value == null) {
            throw EcrError.invalidParameter(member, "must not be null");
        }
        return value;
    }

    static JsonInput required(String member, JsonInput value) {
        if (value == null) {
            throw EcrError.invalidParameter(member, "must not be null");
        }
        return value;
    }

    /**
     * The {@code imageId} structure of an operation on one image (UpdateImageStorageClass, the replication and
     * signing statuses): required, its digest and tag checked as {@code imageId.imageDigest} and
     * {@code imageId.imageTag}.
     */
    static ImageId imageId(JsonInput input) {
        JsonInput id = required("imageId", input.structure("imageId"));
        return new ImageId(imageDigest("imageId.imageDigest", id.string("imageDigest")),
                imageTag("imageId.imageTag", id.string("imageTag")));
    }

    static <T> List<T> required(String member, List<T> value) {
        if (value == null) {
            throw EcrError.invalidParameter(member, "must not be null");
        }
        return value;
    }

    static String repositoryName(String member, String name) {
        required(member, name);
        length(member, name, 2, 256);
        if (!isRepositoryName(name)) {
            throw EcrError.invalidParameter(member, REPOSITORY_NAME_MESSAGE);
        }
        return name;
    }

    /**
     * Whether {@code name} matches {@link #REPOSITORY_NAME_PATTERN}: runs of {@code [a-z0-9]} joined by
     * {@code /}, {@code .}, {@code _}, {@code __} or any number of {@code -}, starting and ending with a run.
     */
    static boolean isRepositoryName(String name) {
        int n = name.length();
        int i = 0;
        while (true) {
            if (i == n || !isLowerAlphanumeric(name.charAt(i))) { // each joint is followed by a run
                return false;
            }
            while (i < n && isLowerAlphanumeric(name.charAt(i))) {
                i++;
            }
            if (i == n) {
                return true;
            }
            char joint = name.charAt(i++);
            if (joint == '_' && i < n && name.charAt(i) == '_') {
                i++;
            } else if (joint == '-') {
                while (i < n && name.charAt(i) == '-') {
                    i++;
                }
            } else if (joint != '/' && joint != '.' && joint != '_') {
                return false;
            }
        }
    }

    private static boolean isLowerAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** An optional registry id; absent means the caller's own account. */
    static String registryId(String registryId) {
        if (registryId != null && !AccountIds.isValid(registryId)) {
            throw EcrError.invalidParameter("registryId", "must satisfy regular expression " + AccountIds.PATTERN);
        }
        return registryId;
    }

    static String imageManifest(String manifest) {
        required("imageManifest", manifest);
        length("imageManifest", manifest, 1, MAX_MANIFEST_LENGTH);
        return manifest;
    }

    /** An optional image tag. */
    static String imageTag(String member, String tag) {
        if (tag == null) {
            return null;
        }
        length(member, tag, 1, 300);
        if (!isImageTag(tag)) {
            throw EcrError.invalidParameter(member, "must satisfy regular expression '" + IMAGE_TAG_PATTERN + "'");
        }
        return tag;
    }

    /** Whether {@code tag} matches {@link #IMAGE_TAG_PATTERN}; by hand, as every push names a tag. */
    static boolean isImageTag(String tag) {
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!Digests.isAsciiAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return !tag.isEmpty();
    }

    /** An optional image digest. */
    static String imageDigest(String member, String digest) {
        if (digest != null && !Digests.isWellFormed(digest)) {
            throw EcrError.invalidParameter(member, "must satisfy regular expression '" + Digests.DIGEST_REGEX_TEXT + "'");
        }
        return digest;
    }

    private static final Pattern UPLOAD_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static String uploadId(String uploadId) {
        required("uploadId", uploadId);
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw EcrError.invalidParameter("uploadId", "must satisfy regular expression"
                    + " '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'");
        }
        return uploadId;
    }

    static long nonNegative(String member, Long value) {
        if (value == null) {
            throw EcrError.invalidParameter(member, "must not be null");
        }
        if (value < 0) {
            throw EcrError.invalidParameter(member, "must have value greater than or equal to 0");
        }
        return value;
    }

    static <T> List<T> listSize(String member, List<T> list, int min, int max) {
        if (list != null && list.size() < min) {
            throw EcrError.invalidParameter(member, "must have length greater than or equal to " + min);
        }
        if (list != null && list.size() > max) {
            throw EcrError.invalidParameter(member, "must have length less than or equal to " + max);
        }
        return list;
    }

    static Integer maxResults(Integer maxResults) {
        if (maxResults != null && maxResults < 1) {
            throw EcrError.invalidParameter("maxResults", "must have value greater than or equal to 1");
        }
        if (maxResults != null && maxResults > 1000) {
            throw EcrError.invalidParameter("maxResults", "must have value less than or equal to 1000");
        }
        return maxResults;
    }

    /** The API reference: {@code maxResults} and {@code nextToken} "cannot be used" with an explicit id list. */
    static void notWithIds(Integer maxResults, String nextToken) {
        if (maxResults != null) {
            throw EcrError.invalidParameter("maxResults", "cannot be used together with an explicit list"); // [infer]
        }
        if (nextToken != null) {
            throw EcrError.invalidParameter("nextToken", "cannot be used together with an explicit list"); // [infer]
        }
    }

    static <E extends Enum<E>> E enumValue(String member, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw EcrError.invalidParameter(member, "Member must satisfy enum value set: "
                    + Arrays.toString(type.getEnumConstants())); // [infer] wording
        }
    }

    /**
     * Repository filters of one fixed {@code filterType} (replication, scanning and signing rules each have
     * theirs): each filter's text, checked for length and pattern as the model says.
     *
     * @param member the filters' member, e.g. {@code rules.member.repositoryFilters}
     * @param filters the filters, or null
     * @return the filters' texts, in order (empty for null)
     */
    static List<String> repositoryFilters(String member, List<JsonInput> filters, int minLength, int maxLength,
                                          Pattern pattern, String filterType) {
        List<String> texts = new ArrayList<>();
        if (filters == null) {
            return texts;
        }
        String each = member + ".member";
        for (JsonInput filter : filters) {
            String text = required(each + ".filter", filter.string("filter"));
            length(each + ".filter", text, minLength, maxLength);
            if (!pattern.matcher(text).matches()) {
                throw EcrError.invalidParameter(each + ".filter", "must satisfy regular expression '" + pattern.pattern() + "'");
            }
            if (!filterType.equals(required(each + ".filterType", filter.string("filterType")))) {
                throw EcrError.invalidParameter(each + ".filterType",
                        "Member must satisfy enum value set: [" + filterType + "]"); // [infer] wording
            }
            texts.add(text);
        }
        return texts;
    }

    /** ECR's encryption types, as {@code encryptionConfiguration.encryptionType} names them. */
    private enum EncryptionType { AES256, KMS, KMS_DSSE }

    /**
     * An {@code encryptionConfiguration}: its type (required) and key (as given).
     *
     * @param type the encryption type
     * @param kmsKey the key, or null
     */
    record Encryption(String type, String kmsKey) {}

    /** CreateRepository's and the creation templates' {@code encryptionConfiguration}; null when absent. */
    static Encryption encryption(JsonInput encryption) {
        if (encryption == null) {
            return null;
        }
        String type = enumValue("encryptionConfiguration.encryptionType",
                required("encryptionConfiguration.encryptionType", encryption.string("encryptionType")),
                EncryptionType.class).name();
        return new Encryption(type, encryption.string("kmsKey"));
    }

    /** Exclusion filters: 1..5 {@code WILDCARD} filters, and only with the two {@code *_WITH_EXCLUSION} modes. */
    static List<ExclusionFilter> exclusionFilters(TagMutability mutability, List<JsonInput> filters) {
        String member = "imageTagMutabilityExclusionFilters";
        listSize(member, filters, 1, 5);
        List<ExclusionFilter> result = new ArrayList<>();
        if (filters != null) {
            for (JsonInput filter : filters) {
                String type = required(member + ".member.filterType", filter.string("filterType"));
                if (!ExclusionFilter.WILDCARD.equals(type)) {
                    throw EcrError.invalidParameter(member + ".member.filterType",
                            "Member must satisfy enum value set: [WILDCARD]"); // [infer] wording
                }
                String text = required(member + ".member.filter", filter.string("filter"));
                if (!EXCLUSION_FILTER.matcher(text).matches()) {
                    throw EcrError.invalidParameter(member + ".member.filter",
                            "must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}$'");
                }
                result.add(new ExclusionFilter(type, text));
            }
        }
        TagMutability mode = mutability == null ? TagMutability.MUTABLE : mutability;
        // [infer] ECR's wording for these two; the rule itself follows from the API reference.
        if (mode.usesExclusionFilters() && result.isEmpty()) {
            throw EcrError.invalidParameter(member, "must not be empty when imageTagMutability is " + mode);
        }
        if (!mode.usesExclusionFilters() && !result.isEmpty()) {
            throw EcrError.invalidParameter(member, "must be empty when imageTagMutability is " + mode);
        }
        return result;
    }

    static void length(String member, String value, int min, int max) {
        if (value.length() < min) {
            throw EcrError.invalidParameter(member, "must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw EcrError.invalidParameter(member, "must have length less than or equal to " + max);
        }
    }
}
