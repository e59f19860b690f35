package dev.fakeecr.assertj;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.journal.Call;
import dev.fakeecr.registry.ImageInfo;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The entry point of fake-ecr's AssertJ assertions; import its methods statically beside AssertJ's.
 *
 * <pre>{@code
 * assertThat(fake).repository("app").hasTagPointingTo("latest", digest).hasNoUntaggedImages();
 * assertThat(fake).calls("PutImage").hasSize(2).last().failedWith("ImageTagAlreadyExistsException");
 * assertThatEcrThrownBy(() -> ecr.putImage(request)).hasErrorCode("ImageTagAlreadyExistsException").hasStatusCode(400);
 * }</pre>
 */
public final class EcrAssertions {
    private EcrAssertions() {}

    /**
     * Assertions on a fake registry: its repositories, images, tags and calls.
     *
     * @param fake the handle
     * @return assertions on it
     */
    public static FakeEcrAssert assertThat(FakeEcr fake) {
        return new FakeEcrAssert(fake);
    }

    /**
     * Assertions on one image.
     *
     * @param image the image
     * @return assertions on it
     */
    public static ImageAssert assertThat(ImageInfo image) {
        return new ImageAssert(image);
    }

    /**
     * Assertions on one recorded call.
     *
     * @param call the call
     * @return assertions on it
     */
    public static CallAssert assertThat(Call call) {
        return new CallAssert(call);
    }

    /**
     * Assertions on recorded calls.
     *
     * @param calls the calls, e.g. {@link FakeEcr#calls()}
     * @return assertions on them
     */
    public static CallListAssert assertThatCalls(List<Call> calls) {
        return new CallListAssert(calls);
    }

    /**
     * The repository as it is now; the assertions fail with the registry's contents if it is missing.
     *
     * @param fake the handle
     * @param name the repository's name
     * @return assertions on the repository
     */
    public static RepositoryAssert assertThatRepository(FakeEcr fake, String name) {
        return new RepositoryAssert(FakeEcrAssert.state(fake, name));
    }

    /**
     * An exception an SDK call threw; fails unless it is an AWS service exception.
     *
     * @param thrown what the SDK call threw
     * @return assertions on it
     * @throws AssertionError if {@code thrown} is not an {@link AwsServiceException}
     */
    public static EcrExceptionAssert assertThatEcrException(Throwable thrown) {
        return new EcrExceptionAssert(serviceException(thrown));
    }

    /**
     * Runs {@code call} and asserts on the AWS service exception it throws; fails if it throws none.
     *
     * @param call code that makes an SDK call
     * @return assertions on the exception it threw
     * @throws AssertionError if it throws nothing, or something other than an {@link AwsServiceException}
     */
    public static EcrExceptionAssert assertThatEcrThrownBy(ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable thrown) {
            return assertThatEcrException(thrown);
        }
        throw new AssertionError("Expecting the code to throw an AWS service exception (an error answer from ECR),"
                + " but it threw nothing");
    }

    static AwsServiceException serviceException(Throwable thrown) {
        if (thrown instanceof AwsServiceException service) {
            return service;
        }
        throw new AssertionError("Expecting an AWS service exception (an error answer from ECR), but got "
                + (thrown == null ? "null" : thrown.getClass().getName() + ": " + thrown.getMessage()), thrown);
    }
}
