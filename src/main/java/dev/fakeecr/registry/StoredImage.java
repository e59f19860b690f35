package dev.fakeecr.registry;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** One image held by a repository: the manifest verbatim and what was read from it. Guarded by its Registry. */
final class StoredImage {
    final String digest;
    final String manifest;
    final Manifest parsed;
    final Instant pushedAt;
    final Set<String> tags = new LinkedHashSet<>();

    StoredImage(String digest, String manifest, Manifest parsed, Instant pushedAt) {
        this.digest = digest;
        this.manifest = manifest;
        this.parsed = parsed;
        this.pushedAt = pushedAt;
    }
}
