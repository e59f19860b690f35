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

    public FakeEcrAssert assertThat(FakeEcr fake) {
        return proxy(FakeEcrAssert.class, FakeEcr.class, fake);
    }

    public RepositoryAssert assertThatRepository(FakeEcr fake, String name) {
        return proxy(RepositoryAssert.class, RepositoryState.class, FakeEcrAssert.state(fake, name));
    }

    public ImageAssert assertThat(ImageInfo image) {
        return proxy(ImageAssert.class, ImageInfo.class, image);
    }

    public CallAssert assertThat(Call call) {
        return proxy(CallAssert.class, Call.class, call);
    }
}
