package dev.fakeecr.internal.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in AWS's form (a version-4 UUID). Drawn from {@link ThreadLocalRandom}, not the
 * {@code SecureRandom} behind {@link UUID#randomUUID()}, whose shared lock serialises concurrent requests;
 * nothing secret depends on them.
 */
public final class RequestIds {
    private RequestIds() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(most, least).toString();
    }
}
