package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The registry-policy side of the validator, which no operation uses yet (PutRegistryPolicy will); the
 * repository side is tested through SetRepositoryPolicy in {@code PolicyOperationsTest}.
 */
class PermissionsPolicyValidatorTest {
    private static final String WITH_RESOURCE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"replicate\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},"
            + "\"Action\":[\"ecr:CreateRepository\",\"ecr:ReplicateImage\"],"
            + "\"Resource\":\"arn:aws:ecr:us-east-1:123456789012:repository/*\"}]}";

    @Test
    void aRegistryPolicyMayNameResourcesARepositoryPolicyMayNot() {
        assertThatCode(() -> PermissionsPolicyValidator.validateRegistryPolicy(WITH_RESOURCE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PermissionsPolicyValidator.validateRepositoryPolicy(WITH_RESOURCE))
                .isInstanceOfSatisfying(EcrError.class, e -> invalid(e, "repository"));
    }

    @Test
    void aRegistryPolicyIsRefusedInItsOwnWords() {
        String noAction = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Resource\":\"*\"}]}";

        assertThatThrownBy(() -> PermissionsPolicyValidator.validateRegistryPolicy(noAction))
                .isInstanceOfSatisfying(EcrError.class, e -> invalid(e, "registry"));
        assertThatThrownBy(() -> PermissionsPolicyValidator.validateRegistryPolicy("{not json"))
                .isInstanceOfSatisfying(EcrError.class, e -> invalid(e, "registry"));
    }

    private static void invalid(EcrError error, String kind) {
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(error.getMessage()).isEqualTo(
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid " + kind + " policy provided'");
    }
}
