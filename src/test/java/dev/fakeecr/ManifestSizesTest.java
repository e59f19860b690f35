package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeecr.junit.FakeEcrExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

/**
 * The sizes PutImage reads from a manifest are whole numbers from 0 up whose sum fits: a size that is
 * negative, too large, not a number, or a config that is not a descriptor is refused, and nothing is stored.
 */
class ManifestSizesTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").withoutLayerChecks().build();

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
    }

    private static String manifest(String config, String... layerSizes) {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < layerSizes.length; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                    + "\"digest\":\"sha256:").append(String.valueOf(i).repeat(64)).append("\",\"size\":")
                    .append(layerSizes[i]).append('}');
        }
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + config
                + ",\"layers\":[" + layers + "]}";
    }

    private static final String CONFIG = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\"sha256:" + "c".repeat(64) + "\",\"size\":10}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sizes summing past Long.MAX_VALUE|9223372036854775807|9223372036854775807",
            "a size of 2^64+5|18446744073709551621|1",
            "a negative size|-100|200",
            "a fractional size|1.5|1",
            "a size in a string|\"12\"|1"})
    void aSizeEcrCannotReadIsRefused(String name, String first, String second) {
        InvalidParameterException thrown = catchThrowableOfType(InvalidParameterException.class, () ->
                ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest(CONFIG, first, second))));

        assertThat(thrown).as(name).isNotNull();
        assertThat(thrown.awsErrorDetails().errorMessage()).startsWith("Invalid parameter at 'ImageManifest'");
        assertThat(fake.images("app")).isEmpty();
    }

    @Test
    void aConfigThatIsNotADescriptorIsRefused() {
        InvalidParameterException thrown = catchThrowableOfType(InvalidParameterException.class, () ->
                ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest("\"x\"", "5"))));

        assertThat(thrown.awsErrorDetails().errorMessage())
                .isEqualTo("Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid descriptor at 'config''");
        assertThat(fake.images("app")).isEmpty();
    }

    @Test
    void aSchema1ManifestReadsNoDescriptorSizesSoHugeOnesCannotOverflowIntoAServerError() {
        // Schema 1 has no sized descriptors; sizes one carries anyway once overflowed into a 500 ServerException.
        String schema1 = "{\"schemaVersion\":1,\"name\":\"app\",\"tag\":\"v1\",\"fsLayers\":[],\"layers\":["
                + "{\"size\":9223372036854775807},{\"size\":9223372036854775807}]}";

        ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(schema1));

        assertThat(ecr.describeImages(r -> r.repositoryName("app")).imageDetails().get(0).imageSizeInBytes()).isZero();
    }

    @Test
    void goodSizesAreSummed() {
        ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest(CONFIG, "100", "9223372036854775000")));

        assertThat(ecr.describeImages(r -> r.repositoryName("app")).imageDetails().get(0).imageSizeInBytes())
                .isEqualTo(9223372036854775110L);
    }
}
