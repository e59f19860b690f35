package dev.fakeecr.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer upload in progress, through either door: UploadLayerPart's parts or the registry endpoint's
 * PATCH bodies. Its bytes go to a {@link BlobStore.Writer}, which hashes them as they arrive.
 *
 * <p>The upload id and part sizes are guarded by the Registry; {@link #append(InputStream, long)} runs
 * outside the registry's lock, on the writer's own, so a slow body holds up only its own upload.
 */
public final class LayerUpload {
    final String uploadId;
    final String repositoryName;
    final BlobStore.Writer writer;
    /** Sizes of the parts UploadLayerPart sent, for its minimum-part-size rule. */
    final List<Long> partSizes = new ArrayList<>();

    LayerUpload(String uploadId, String repositoryName, BlobStore.Writer writer) {
        this.uploadId = uploadId;
        this.repositoryName = repositoryName;
        this.writer = writer;
    }

    /** The upload's id. */
    public String uploadId() {
        return uploadId;
    }

    /** Bytes received so far. */
    public long received() {
        return writer.size();
    }

    /**
     * Appends a request body's bytes (the registry endpoint's PATCH or final PUT chunk).
     *
     * @param body the bytes
     * @param limit the most bytes to take
     * @return how many were taken
     */
    public long append(InputStream body, long limit) throws IOException {
        return writer.write(body, limit);
    }

    void appendPart(byte[] part) {
        writer.write(part);
        partSizes.add((long) part.length);
    }
}
