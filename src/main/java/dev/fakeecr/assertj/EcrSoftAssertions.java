package dev.fakeecr.assertj;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.journal.Call;
import dev.fakeecr.registry.ImageInfo;
import java.util.List;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Soft assertions: failures are collected and reported together by {@link #assertAll()}. Navigating
 * ({@code repository(..)}, {@code image(..)}, {@code calls()}) stays soft: a missing repository or image is
 * collected as one failure, and the assertions made on it are collected too.
 */
public class EcrSoftAssertions extends AbstractSoftAssertions {

    /**
     * Soft assertions on a fake registry (its flat methods).
     *
     * @param fake the handle
     * @return soft assertions on it
     */
    public FakeEcrAssert assertThat(FakeEcr fake) {
        FakeEcrAssert soft = proxy(FakeEcrAssert.class, FakeEcr.class, fake);
        soft.softly = this; // a field: set directly, not through the proxy's intercepted methods
        return soft;
    }

    /**
     * Soft assertions on one repository as it is now.
     *
     * @param fake the handle
     * @param name the repository's name
     * @return soft assertions on the repository
     */
    public RepositoryAssert assertThatRepository(FakeEcr fake, String name) {
        RepositoryAssert soft = proxy(RepositoryAssert.class, RepositoryState.class, FakeEcrAssert.state(fake, name));
        soft.softly = this;
        return soft;
    }

    /**
     * Soft assertions on one image.
     *
     * @param image the image
     * @return soft assertions on it
     */
    public ImageAssert assertThat(ImageInfo image) {
        return proxy(ImageAssert.class, ImageInfo.class, image);
    }

    /**
     * Soft assertions on recorded calls (and on the calls they navigate to).
     *
     * @param calls the calls, oldest first
     * @return soft assertions on them
     */
    @SuppressWarnings("unchecked")
    public CallListAssert assertThatCalls(List<Call> calls) {
        return proxy(CallListAssert.class, List.class, calls);
    }

    /**
     * Soft assertions on one recorded call.
     *
     * @param call the call
     * @return soft assertions on it
     */
    public CallAssert assertThat(Call call) {
        return proxy(CallAssert.class, Call.class, call);
    }
}
