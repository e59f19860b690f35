package dev.fakeecr.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the extension keeps in JUnit's store: closed when its scope ends. JUnit 5.13 and later (and 6)
 * close {@code AutoCloseable} values; earlier 5.x versions, still common under Spring Boot 3, close only
 * {@code CloseableResource} values. Implementing both works everywhere; {@link #close()} is idempotent,
 * so a JUnit that honours both closes it once.
 */
@SuppressWarnings("deprecation") // CloseableResource: kept for JUnit 5.x before 5.13
abstract class StoredResource implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private boolean closed;

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Releases what this holds; called once. */
    abstract void release();

    /** A test's (or, with {@code accountPerClass}, a class's) handle. */
    static final class Handle extends StoredResource {
        final dev.fakeecr.FakeEcr fake;

        Handle(dev.fakeecr.FakeEcr fake) {
            this.fake = fake;
        }

        @Override
        void release() {
            fake.close();
        }
    }
}
