package dev.fakeecr.internal.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The form of the layer download URLs GetDownloadUrlForLayer hands out and the server serves:
 * {@code /fake-ecr/layers/<account>/<region>/<digest>/<repository>}, written and read only here.
 */
public final class LayerUrls {
    /** The path prefix of every layer download URL. */
    public static final String PREFIX = "/fake-ecr/layers/";

    /**
     * What a download path names.
     *
     * @param accountId the registry's account
     * @param region the registry's region
     * @param digest the layer's digest
     * @param repositoryName the repository
     */
    public record Target(String accountId, String region, String digest, String repositoryName) {}

    private LayerUrls() {}

    static String path(String accountId, String region, String digest, String repositoryName) {
        return PREFIX + accountId + "/" + region + "/" + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "/"
                + repositoryName;
    }

    /**
     * Reads a download path (without query).
     *
     * @param path the request's path
     * @return what it names, or empty if it is not a download path of this form
     */
    public static Optional<Target> parse(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = path.substring(PREFIX.length()).split("/", 4);
        if (parts.length < 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(parts[0], parts[1], URLDecoder.decode(parts[2], StandardCharsets.UTF_8),
                parts[3]));
    }
}
