package dev.fakeecr.internal.registry;

/**
 * One server-wide bound on the layer bytes all registries keep on the heap, beside each registry's own bound
 * ({@code layerBytesRetained}): past either, blob bytes go to temporary files, so however many accounts a
 * caller makes, layer bytes never fill the heap. Also counts the bytes in temporary files, for the health
 * report. Thread-safe.
 */
public final class MemoryBudget {
    /** No server-wide bound: each registry's own bound alone decides. */
    public static final MemoryBudget UNBOUNDED = new MemoryBudget(Long.MAX_VALUE);

    private final long boundBytes;
    private long heapBytes;
    private long fileBytes;

    /**
     * @param boundBytes the most layer bytes all registries together keep on the heap, at least 0
     */
    public MemoryBudget(long boundBytes) {
        if (boundBytes < 0) {
            throw new IllegalArgumentException("the layer heap budget must not be negative: " + boundBytes);
        }
        this.boundBytes = boundBytes;
    }

    synchronized boolean tryReserve(long bytes) {
        if (heapBytes + bytes > boundBytes) {
            return false;
        }
        heapBytes += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        heapBytes -= bytes;
    }

    synchronized void filed(long bytes) {
        fileBytes += bytes;
    }

    /** The bound, in bytes. */
    public long boundBytes() {
        return boundBytes;
    }

    /** Layer bytes on the heap now, across registries. */
    public synchronized long heapBytes() {
        return heapBytes;
    }

    /** Layer bytes in temporary files now, across registries. */
    public synchronized long fileBytes() {
        return fileBytes;
    }
}
