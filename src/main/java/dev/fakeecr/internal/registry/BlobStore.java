package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.LayerMemory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layer and config bytes of one registry, content-addressed: each digest is stored once, whichever
 * repository and whichever door (the layer APIs, the registry endpoint, a test) it came by. Bytes stay on the
 * heap while they fit {@code RegistryConfig.layerBytesRetained} and each blob is small; anything else goes to
 * a temporary file, so a 1 GiB layer costs disk, not heap. {@link #close} deletes the files.
 *
 * <p>Thread-safe on its own lock, apart from the registry's: a {@link Writer} fills outside the registry's
 * lock (a slow client's body must not stall the account), and only its commit takes the registry's.
 */
public final class BlobStore implements AutoCloseable {
    /** A blob larger than this never stays on the heap. */
    static final int HEAP_BLOB_LIMIT = 8 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final long heapBound;
    private final MemoryBudget budget;
    private final Map<String, Content> blobs = new HashMap<>();
    private long heapBytes;
    /** Bytes in this store's temporary files: stored blobs' and open writers'. */
    private long fileBytes;
    private long peakHeapBytes;
    private Path directory;
    private boolean closed;

    BlobStore(long heapBound) {
        this(heapBound, MemoryBudget.UNBOUNDED);
    }

    /** @param budget the server-wide bound this store's heap bytes count against too */
    BlobStore(long heapBound, MemoryBudget budget) {
        this.heapBound = heapBound;
        this.budget = budget;
    }

    /** A new, empty writer; its bytes go into the store only when {@link #commit}ted. */
    Writer newWriter() {
        return new Writer();
    }

    /**
     * Stores what the writer received under its digest, unless that digest is stored already (the writer's
     * copy is then dropped). The writer is finished either way.
     *
     * @return the digest
     */
    String commit(Writer writer) {
        // The writer's lock first, never inside the store's: Writer.write takes them in that order.
        String digest = writer.finish();
        Content content = writer.content();
        boolean kept;
        synchronized (this) {
            kept = !blobs.containsKey(digest) && !closed;
            if (kept) {
                blobs.put(digest, content);
            }
        }
        if (!kept) {
            writer.discard();
        }
        return digest;
    }

    /** The bytes stored under a digest. */
    synchronized Optional<Content> content(String digest) {
        return Optional.ofNullable(blobs.get(digest));
    }

    synchronized boolean has(String digest) {
        return blobs.containsKey(digest);
    }

    /** Forgets a blob nothing refers to any more; its heap bytes or file are released. */
    synchronized void remove(String digest) {
        Content content = blobs.remove(digest);
        if (content != null) {
            release(content);
        }
    }

    synchronized LayerMemory memory() {
        return new LayerMemory(heapBytes, peakHeapBytes, heapBound);
    }

    /** Releases every blob and deletes the temporary files. Idempotent; writers still open spill nowhere. */
    @Override
    public synchronized void close() {
        blobs.values().forEach(this::release);
        blobs.clear();
        // Open writers' bytes too: from now on nothing they do counts.
        budget.release(heapBytes);
        budget.filed(-fileBytes);
        heapBytes = 0;
        fileBytes = 0;
        closed = true;
        if (directory != null) {
            try (Stream<Path> files = Files.list(directory)) {
                files.forEach(BlobStore::deleteQuietly);
            } catch (IOException ignored) {
                // best effort: the directory is a temporary one
            }
            deleteQuietly(directory);
        }
    }

    private synchronized boolean reserveHeap(long bytes) {
        if (closed || heapBytes + bytes > heapBound || !budget.tryReserve(bytes)) {
            return false;
        }
        heapBytes += bytes;
        peakHeapBytes = Math.max(peakHeapBytes, heapBytes);
        return true;
    }

    private synchronized void releaseHeap(long bytes) {
        if (!closed) {
            heapBytes -= bytes;
            budget.release(bytes);
        }
    }

    private synchronized void fileBytes(long delta) {
        if (!closed) {
            fileBytes += delta;
            budget.filed(delta);
        }
    }

    private synchronized Path newFile() throws IOException {
        if (closed) {
            throw new IOException("the registry was released");
        }
        if (directory == null) {
            directory = Files.createTempDirectory("fake-ecr-blobs-");
            directory.toFile().deleteOnExit();
        }
        Path file = Files.createTempFile(directory, "blob-", ".bin");
        file.toFile().deleteOnExit();
        return file;
    }

    private void release(Content content) {
        if (content.file != null) {
            deleteQuietly(content.file);
            fileBytes(-content.size);
        } else {
            releaseHeap(content.size);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temporary file: the JVM's exit removes it at the latest
        }
    }

    /** Stored bytes: heap chunks or a file. Immutable once stored. */
    public static final class Content {
        private final long size;
        private final List<byte[]> chunks;
        private final Path file;

        private Content(long size, List<byte[]> chunks, Path file) {
            this.size = size;
            this.chunks = chunks;
            this.file = file;
        }

        public long size() {
            return size;
        }

        /**
         * The bytes from {@code offset}, {@code length} of them.
         *
         * @throws UncheckedIOException if the file is gone (the registry was released meanwhile)
         */
        public InputStream open(long offset, long length) {
            try {
                InputStream in;
                if (file != null) {
                    in = Files.newInputStream(file);
                } else {
                    List<InputStream> parts = new ArrayList<>(chunks.size());
                    chunks.forEach(c -> parts.add(new ByteArrayInputStream(c)));
                    in = new SequenceInputStream(Collections.enumeration(parts));
                }
                in.skipNBytes(offset);
                return new BoundedInputStream(in, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** All the bytes, for callers that need an array (blobs served through the admin path). */
        public byte[] readAll() {
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a blob of " + size + " bytes does not fit an array");
            }
            try (InputStream in = open(0, size)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Receives one blob's bytes, hashing them as they come: on the heap while they fit, then in a file.
     * Synchronized: two requests appending to one upload take turns.
     */
    public final class Writer {
        private final MessageDigest sha256 = Digests.newSha256();
        private final List<byte[]> chunks = new ArrayList<>();
        private long heapHeld;
        private Path file;
        private OutputStream fileOut;
        private long size;
        private String digest;

        private Writer() {}

        /** Bytes received so far. */
        public synchronized long size() {
            return size;
        }

        /** Appends bytes. */
        public synchronized void write(byte[] bytes) {
            write(bytes, 0, bytes.length);
        }

        private void write(byte[] bytes, int off, int len) {
            if (digest != null) {
                throw new IllegalStateException("the blob is finished");
            }
            sha256.update(bytes, off, len);
            size += len;
            try {
                if (file == null && size <= HEAP_BLOB_LIMIT && reserveHeap(len)) {
                    byte[] copy = new byte[len];
                    System.arraycopy(bytes, off, copy, 0, len);
                    chunks.add(copy);
                    heapHeld += len;
                    return;
                }
                if (file == null) {
                    spill();
                }
                fileOut.write(bytes, off, len);
                fileBytes(len);
            } catch (IOException e) {
                throw new UncheckedIOException("fake-ecr cannot write a blob to its temporary file: " + e.getMessage(), e);
            }
        }

        /**
         * Appends a stream's bytes until it ends or {@code limit} bytes were taken. The socket is read without
         * this writer's lock, so a slow body never holds up whoever finishes or discards the blob meanwhile.
         *
         * @return how many bytes were appended
         * @throws IllegalStateException if the blob was finished or discarded meanwhile
         */
        public long write(InputStream in, long limit) throws IOException {
            byte[] buffer = new byte[CHUNK];
            long taken = 0;
            while (taken < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - taken));
                if (n < 0) {
                    break;
                }
                synchronized (this) {
                    write(buffer, 0, n);
                }
                taken += n;
            }
            return taken;
        }

        /** Moves what the heap holds into a file, from now on the only home of this blob's bytes. */
        private void spill() throws IOException {
            file = newFile();
            fileOut = Files.newOutputStream(file);
            for (byte[] chunk : chunks) {
                fileOut.write(chunk);
            }
            fileBytes(heapHeld);
            chunks.clear();
            releaseHeap(heapHeld);
            heapHeld = 0;
        }

        /** The digest of everything written; no more writes after this. */
        public synchronized String finish() {
            if (digest == null) {
                digest = Digests.sha256(sha256.digest());
                closeFile();
            }
            return digest;
        }

        /** Drops what was written. */
        public synchronized void discard() {
            finish();
            chunks.clear();
            releaseHeap(heapHeld);
            heapHeld = 0;
            if (file != null) {
                deleteQuietly(file);
                fileBytes(-size);
                file = null;
            }
        }

        private synchronized Content content() {
            return new Content(size, file == null ? List.copyOf(chunks) : null, file);
        }

        private void closeFile() {
            if (fileOut != null) {
                try {
                    fileOut.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
