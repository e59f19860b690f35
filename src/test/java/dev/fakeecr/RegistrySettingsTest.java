package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilterType;

/** Account settings, the registry policy and the registry's scanning configuration, through the real EcrClient. */
class RegistrySettingsTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("prod/api", "dev/api").build();

    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"replicate\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":[\"ecr:ReplicateImage\","
            + "\"ecr:CreateRepository\"],\"Resource\":\"*\"}]}";

    @Test
    void accountSettingsHaveDefaultsAndKeepWhatIsPut(EcrClient ecr, FakeEcr fake) {
        assertThat(ecr.getAccountSetting(r -> r.name("BLOB_MOUNTING")).value()).isEqualTo("DISABLED");
        assertThat(ecr.getAccountSetting(r -> r.name("BASIC_SCAN_TYPE_VERSION")).value()).isEqualTo("AWS_NATIVE");
        assertThat(ecr.getAccountSetting(r -> r.name("REGISTRY_POLICY_SCOPE")).value()).isEqualTo("V2");

        var put = ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("ENABLED"));

        assertThat(put.name()).isEqualTo("BLOB_MOUNTING");
        assertThat(put.value()).isEqualTo("ENABLED");
        assertThat(ecr.getAccountSetting(r -> r.name("BLOB_MOUNTING")).value()).isEqualTo("ENABLED");
        assertThat(fake.accountSetting("BLOB_MOUNTING")).isEqualTo("ENABLED");
    }

    @Test
    void unknownSettingsAndValuesAreRefusedAndChangeNothing(EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.getAccountSetting(r -> r.name("CREATE_ON_PUSH_SOMETHING"))),
                "Invalid parameter at 'name' failed to satisfy constraint: 'Member must satisfy enum value set:"
                        + " [BASIC_SCAN_TYPE_VERSION, REGISTRY_POLICY_SCOPE, BLOB_MOUNTING]'");
        assertInvalidParameter(catchThrowable(() -> ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("YES"))),
                "Invalid parameter at 'value' failed to satisfy constraint: 'Invalid value 'YES' for account setting"
                        + " BLOB_MOUNTING; valid values are [ENABLED, DISABLED]'");
        assertInvalidParameter(catchThrowable(() -> ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING"))),
                "Invalid parameter at 'value' failed to satisfy constraint: 'must not be null'");
        assertThat(ecr.getAccountSetting(r -> r.name("BLOB_MOUNTING")).value()).isEqualTo("DISABLED");
    }

    @Test
    void aRegistryPolicyIsPutReadAndDeleted(EcrClient ecr, FakeEcr fake) {
        assertEcrError(catchThrowable(() -> ecr.getRegistryPolicy(r -> { })), RegistryPolicyNotFoundException.class,
                "RegistryPolicyNotFoundException",
                "Registry policy does not exist in the registry with id '" + fake.accountId() + "'");

        var put = ecr.putRegistryPolicy(r -> r.policyText(POLICY));

        assertThat(put.registryId()).isEqualTo(fake.accountId());
        assertThat(put.policyText()).isEqualTo(POLICY);
        assertThat(ecr.getRegistryPolicy(r -> { }).policyText()).isEqualTo(POLICY);
        assertThat(ecr.deleteRegistryPolicy(r -> { }).policyText()).isEqualTo(POLICY);
        assertThat(catchThrowable(() -> ecr.deleteRegistryPolicy(r -> { }))).isInstanceOf(RegistryPolicyNotFoundException.class);
    }

    @Test
    void aRegistryPolicyMustBeAJsonObject(EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.putRegistryPolicy(r -> r.policyText("[1]"))),
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy provided'");
        assertInvalidParameter(catchThrowable(() -> ecr.putRegistryPolicy(r -> r.policyText("{" + "x".repeat(10240) + "}"))),
                "Invalid parameter at 'policyText' failed to satisfy constraint: 'must have length less than or equal to 10240'");
        assertThat(catchThrowable(() -> ecr.getRegistryPolicy(r -> { }))).as("nothing stored")
                .isInstanceOf(RegistryPolicyNotFoundException.class);
    }

    @Test
    void aNewRegistryScansBasicallyWithNoRules(EcrClient ecr, FakeEcr fake) {
        GetRegistryScanningConfigurationResponse response = ecr.getRegistryScanningConfiguration(r -> { });

        assertThat(response.registryId()).isEqualTo(fake.accountId());
        assertThat(response.scanningConfiguration().scanType()).isEqualTo(ScanType.BASIC);
        assertThat(response.scanningConfiguration().rules()).isEmpty();
    }

    @Test
    void registryRulesDecideScanOnPushOverTheRepositoryFlag(EcrClient ecr, FakeEcr fake) {
        ecr.putImageScanningConfiguration(r -> r.repositoryName("dev/api").imageScanningConfiguration(s -> s.scanOnPush(true)));
        ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.BASIC).rules(scanOnPush("prod/*")));

        fake.putImage("prod/api", "1", Manifests.dockerV2("prod"));
        fake.putImage("dev/api", "1", Manifests.dockerV2("dev"));

        assertThat(fake.image("prod/api", "1").orElseThrow().scan()).as("matched by the registry rule").isNotNull();
        assertThat(fake.image("dev/api", "1").orElseThrow().scan()).as("its own flag is overridden").isNull();
        BatchGetRepositoryScanningConfigurationResponse batch = ecr.batchGetRepositoryScanningConfiguration(
                r -> r.repositoryNames("prod/api", "dev/api", "missing"));
        RepositoryScanningConfiguration prod = batch.scanningConfigurations().get(0);
        assertThat(prod.repositoryName()).isEqualTo("prod/api");
        assertThat(prod.scanOnPush()).isTrue();
        assertThat(prod.scanFrequency()).isEqualTo(ScanFrequency.SCAN_ON_PUSH);
        assertThat(prod.appliedScanFilters()).singleElement().satisfies(f -> assertThat(f.filter()).isEqualTo("prod/*"));
        assertThat(batch.scanningConfigurations().get(1).scanFrequency()).isEqualTo(ScanFrequency.MANUAL);
        assertThat(batch.failures()).singleElement().satisfies(f -> {
            assertThat(f.repositoryName()).isEqualTo("missing");
            assertThat(f.failureCodeAsString()).isEqualTo("REPOSITORY_NOT_FOUND");
        });
        assertThat(ecr.getRegistryScanningConfiguration(r -> { }).scanningConfiguration().rules())
                .containsExactly(scanOnPush("prod/*"));
    }

    @Test
    void withoutARegistryConfigurationTheRepositoryFlagDecides(EcrClient ecr, FakeEcr fake) {
        ecr.putImageScanningConfiguration(r -> r.repositoryName("dev/api").imageScanningConfiguration(s -> s.scanOnPush(true)));

        fake.putImage("dev/api", "1", Manifests.dockerV2("dev"));

        assertThat(fake.image("dev/api", "1").orElseThrow().scan()).isNotNull();
        assertThat(ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames("dev/api"))
                .scanningConfigurations().get(0).scanFrequency()).isEqualTo(ScanFrequency.SCAN_ON_PUSH);
    }

    @Test
    void scanningConfigurationsEcrRefusesChangeNothing(EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.BASIC)
                        .rules(RegistryScanningRule.builder().scanFrequency(ScanFrequency.CONTINUOUS_SCAN)
                                .repositoryFilters(f -> f.filter("*").filterType(ScanningRepositoryFilterType.WILDCARD))
                                .build()))),
                "Invalid parameter at 'rules.member.scanFrequency' failed to satisfy constraint:"
                        + " 'CONTINUOUS_SCAN is not supported for scan type BASIC'");
        assertInvalidParameter(catchThrowable(() -> ecr.putRegistryScanningConfiguration(r -> r.rules(
                        scanOnPush("a"), scanOnPush("b"), scanOnPush("c")))),
                "Invalid parameter at 'rules' failed to satisfy constraint: 'must have length less than or equal to 2'");
        assertInvalidParameter(catchThrowable(() -> ecr.putRegistryScanningConfiguration(r -> r.rules(scanOnPush("Prod")))),
                "Invalid parameter at 'rules.member.repositoryFilters.member.filter' failed to satisfy constraint:"
                        + " 'must satisfy regular expression '^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$''");
        assertInvalidParameter(catchThrowable(() -> ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames(
                        java.util.Collections.nCopies(26, "prod/api")))),
                "Invalid parameter at 'repositoryNames' failed to satisfy constraint: 'must have length less than or equal to 25'");
        assertThat(ecr.getRegistryScanningConfiguration(r -> { }).scanningConfiguration().rules()).isEmpty();
    }

    private static RegistryScanningRule scanOnPush(String filter) {
        return RegistryScanningRule.builder().scanFrequency(ScanFrequency.SCAN_ON_PUSH)
                .repositoryFilters(f -> f.filter(filter).filterType(ScanningRepositoryFilterType.WILDCARD)).build();
    }
}
