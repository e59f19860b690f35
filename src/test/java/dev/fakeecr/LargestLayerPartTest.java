package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The largest part ECR's model allows (20,971,520 bytes, about 28 million characters once base64-encoded in
 * the JSON body) is read: the request JSON has no string bound below the body limit.
 */
class LargestLayerPartTest {
    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    @Test
    void aPartOfTheModelsLargestSizeIsAccepted() {
        try (FakeEcr fake = server.account("123456789012", "us-east-1")) {
            fake.createRepository("app");
            byte[] part = new byte[20_971_520];
            Arrays.fill(part, (byte) 7);
            String uploadId = fake.client().initiateLayerUpload(r -> r.repositoryName("app")).uploadId();

            long last = fake.client().uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(0L)
                    .partLastByte((long) part.length - 1).layerPartBlob(SdkBytes.fromByteArrayUnsafe(part)))
                    .lastByteReceived();

            assertThat(last).isEqualTo(part.length - 1);
        }
    }
}
