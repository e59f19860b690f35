package dev.fakeecr.journal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request as the fake decoded it: the operation and its JSON members as plain Java values
 * ({@code String}, {@code Boolean}, {@code Number}, {@code List}, {@code Map}). Fault rules select calls
 * by it, and the journal records it.
 */
public final class EcrRequest {
    private final String operation;
    private final Map<String, Object> members;

    /**
     * A request of {@code operation} with these members (copied).
     *
     * @param operation the operation name, e.g. {@code PutImage}
     * @param members the decoded members, by wire name
     */
    public EcrRequest(String operation, Map<String, Object> members) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /**
     * The operation name, e.g. {@code PutImage}.
     *
     * @return the operation name
     */
    public String operation() {
        return operation;
    }

    /**
     * Every member the request carried, by its wire name.
     *
     * @return the members, read-only
     */
    public Map<String, Object> members() {
        return members;
    }

    /**
     * A top-level member, or null if the request did not carry it.
     *
     * @param name the member's wire name, e.g. {@code imageManifest}
     * @return its decoded value, or null
     */
    public Object member(String name) {
        return members.get(name);
    }

    /**
     * {@code repositoryName}, or null.
     *
     * @return the repository name, or null
     */
    public String repositoryName() {
        return text("repositoryName");
    }

    /**
     * {@code registryId}, or null.
     *
     * @return the registry id, or null
     */
    public String registryId() {
        return text("registryId");
    }

    /**
     * {@code imageTag}, or the tag of the first of {@code imageIds}.
     *
     * @return the tag, or null if the request names none
     */
    public String imageTag() {
        return idMember("imageTag");
    }

    /**
     * {@code imageDigest}, or the digest of the first of {@code imageIds}.
     *
     * @return the digest, or null if the request names none
     */
    public String imageDigest() {
        return idMember("imageDigest");
    }

    private String idMember(String name) {
        String direct = text(name);
        if (direct != null) {
            return direct;
        }
        Object ids = members.get("imageIds");
        if (ids instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            Object value = first.get(name);
            return value instanceof String s ? s : null;
        }
        return null;
    }

    private String text(String name) {
        Object value = members.get(name);
        return value instanceof String s ? s : null;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(operation);
        String repository = repositoryName();
        if (repository != null) {
            text.append(' ').append(repository);
        }
        String tag = imageTag();
        if (tag != null) {
            text.append(':').append(tag);
        }
        String digest = imageDigest();
        if (digest != null) {
            text.append('@').append(digest.length() > 19 ? digest.substring(0, 19) + "…" : digest);
        }
        return text.toString();
    }
}
