package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeecr.junit.FakeEcrExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

/**
 * JSON the caller writes inside a string (a manifest, a policy) may hold a number no {@code BigDecimal} can
 * hold ({@code 1e9999999999}: its exponent overflows). Jackson refuses it with a NumberFormatException, which
 * once escaped as a 500 ServerException; each is now refused as the unreadable document it is, and nothing
 * is stored.
 */
class UnrepresentableNumbersTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").withoutLayerChecks().build();

    private static final String HUGE = "1e9999999999";

    @Test
    void aManifestIsRefusedAsInvalidJson(EcrClient ecr, FakeEcr fake) {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + HUGE + ","
                + "\"digest\":\"sha256:" + "c".repeat(64) + "\"},\"layers\":[]}";

        EcrException refused = catchThrowableOfType(EcrException.class,
                () -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(refused.awsErrorDetails().errorMessage()).contains("Invalid JSON syntax");
        assertThat(fake.images("app")).isEmpty();
    }

    @Test
    void aRepositoryPolicyIsRefusedAsInvalid(EcrClient ecr) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"ecr:BatchGetImage\",\"Sid\":" + HUGE + "}]}";

        EcrException refused = catchThrowableOfType(EcrException.class,
                () -> ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(catchThrowableOfType(EcrException.class, () -> ecr.getRepositoryPolicy(r -> r.repositoryName("app")))
                .awsErrorDetails().errorCode()).isEqualTo("RepositoryPolicyNotFoundException");
    }

    @Test
    void aLifecyclePolicyIsRefusedAsInvalid(EcrClient ecr) {
        String policy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":" + HUGE + "},\"action\":{\"type\":\"expire\"}}]}";

        EcrException refused = catchThrowableOfType(EcrException.class,
                () -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(policy)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(catchThrowableOfType(EcrException.class, () -> ecr.getLifecyclePolicy(r -> r.repositoryName("app")))
                .awsErrorDetails().errorCode()).isEqualTo("LifecyclePolicyNotFoundException");
    }
}
