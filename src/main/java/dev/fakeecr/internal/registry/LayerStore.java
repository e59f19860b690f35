package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.LayerMemory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layer bytes one registry keeps, under its bound ({@code RegistryConfig.layerBytesRetained}): upload
 * buffers while parts arrive, then the bytes of completed layers, which is what GetDownloadUrlForLayer serves.
 * A layer whose bytes would pass the bound is still recorded by its repository, only its bytes are not kept.
 * Guarded by its Registry.
 */
final class LayerStore {
    private final long boundBytes;
    /** Bytes of completed layers, by repository name, then layer digest. */
    private final Map<String, Map<String, byte[]>> kept = new HashMap<>();
    /** Bytes held now (completed layers and upload buffers), and the most ever held at once. */
    private long retainedBytes;
    private long peakRetainedBytes;

    LayerStore(long boundBytes) {
        this.boundBytes = boundBytes;
    }

    /**
     * Adds a part to an upload. Its bytes are buffered while they fit the bound; once a part does not fit,
     * the whole upload's buffer goes (a layer is kept whole or not at all).
     */
    void append(LayerUpload upload, byte[] part) {
        if (upload.buffer != null) {
            if (retainedBytes + part.length > boundBytes) {
                retainedBytes -= upload.buffered();
                upload.buffer = null;
            } else {
                retainedBytes += part.length;
                peakRetainedBytes = Math.max(peakRetainedBytes, retainedBytes);
            }
        }
        upload.append(part);
    }

    /** The upload ended without a layer: its buffered bytes are released. */
    void discard(LayerUpload upload) {
        retainedBytes -= upload.buffered();
    }

    /** The upload became this repository's layer: its buffered bytes, if still buffered, are kept for download. */
    void complete(String repository, String digest, LayerUpload upload) {
        if (upload.buffer != null) {
            // Already counted while buffered, so the figures do not move.
            kept.computeIfAbsent(repository, r -> new HashMap<>()).put(digest, upload.buffer.toByteArray());
        }
    }

    /** A layer's bytes copied from another registry: kept if they fit the bound and are not kept already. */
    void keep(String repository, String digest, byte[] bytes) {
        Map<String, byte[]> layers = kept.computeIfAbsent(repository, r -> new HashMap<>());
        if (!layers.containsKey(digest) && retainedBytes + bytes.length <= boundBytes) {
            layers.put(digest, bytes);
            retainedBytes += bytes.length;
            peakRetainedBytes = Math.max(peakRetainedBytes, retainedBytes);
        }
    }

    /** Whether the bytes of this repository's layer are kept. */
    boolean has(String repository, String digest) {
        Map<String, byte[]> layers = kept.get(repository);
        return layers != null && layers.containsKey(digest);
    }

    /** The kept bytes of this repository's layer; the array held, not a copy. */
    Optional<byte[]> bytes(String repository, String digest) {
        Map<String, byte[]> layers = kept.get(repository);
        return Optional.ofNullable(layers == null ? null : layers.get(digest));
    }

    /** The repository is gone: its layers' bytes and its open uploads' buffers are released. */
    void forget(String repository, Collection<LayerUpload> openUploads) {
        Map<String, byte[]> layers = kept.remove(repository);
        if (layers != null) {
            layers.values().forEach(bytes -> retainedBytes -= bytes.length);
        }
        openUploads.forEach(this::discard);
    }

    /** Bytes held now, the most ever held at once, and the bound. */
    LayerMemory memory() {
        return new LayerMemory(retainedBytes, peakRetainedBytes, boundBytes);
    }
}
