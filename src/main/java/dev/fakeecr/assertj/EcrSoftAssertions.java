package dev.fakeecr.assertj;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.journal.Call;
import dev.fakeecr.registry.ImageInfo;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Soft assertions: failures are collected and reported together by {@link #assertAll()}.
 * Navigating ({@code repository(..)}, {@code calls()}) leaves soft mode; use the entry points here
 * ({@link #assertThatRepository}) or the flat methods of {@link FakeEcrAssert} to stay soft.
 */
public class EcrSoftAssertions extends AbstractSoftAssertions {

    /**
     * Soft assertions on a fake registry (its flat methods).
     *
     * @param fake the handle
     * @return soft assertions on it
     */
    public FakeEcrAssert assertThat(FakeEcr fake) {
        return proxy(FakeEcrAssert.class, FakeEcr.class, fake);
    }

    /**
     * Soft assertions on one repository as it is now.
     *
     * @param fake the handle
     * @param name the repository's name
     * @return soft assertions on the repository
     */
    public RepositoryAssert assertThatRepository(FakeEcr fake, String name) {
        return proxy(RepositoryAssert.class, RepositoryState.class, FakeEcrAssert.state(fake, name));
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
     * Soft assertions on one recorded call.
     *
     * @param call the call
     * @return soft assertions on it
     */
    public CallAssert assertThat(Call call) {
        return proxy(CallAssert.class, Call.class, call);
    }
}
