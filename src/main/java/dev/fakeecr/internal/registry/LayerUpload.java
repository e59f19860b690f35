package dev.fakeecr.internal.registry;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer upload in progress. The digest is computed as parts arrive; the bytes are buffered only while
 * the registry's retention bound allows. Guarded by its Registry.
 */
final class LayerUpload {
    final String uploadId;
    private final MessageDigest sha256 = Digests.newSha256();
    final List<Long> partSizes = new ArrayList<>();
    long received;
    /** The bytes so far, or null once they no longer fit the retention bound. */
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LayerUpload(String uploadId) {
        this.uploadId = uploadId;
    }

    void append(byte[] part) {
        sha256.update(part);
        received += part.length;
        partSizes.add((long) part.length);
        if (buffer != null) {
            buffer.writeBytes(part);
        }
    }

    long buffered() {
        return buffer == null ? 0 : buffer.size();
    }

    String digest() {
        return Digests.sha256(sha256.digest());
    }
}
