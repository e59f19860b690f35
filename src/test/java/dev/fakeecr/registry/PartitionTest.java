package dev.fakeecr.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/** The fake's partitions agree with the AWS SDK's own partition table, region by region. */
class PartitionTest {
    @Test
    void everyRegionTheSdkKnowsGetsTheSdksPartitionAndDnsSuffix() {
        List<Region> regions = Region.regions().stream()
                .filter(region -> !region.isGlobalRegion() && region.metadata() != null)
                .collect(Collectors.toList());
        assertThat(regions).as("the SDK lists the isolated partitions too")
                .extracting(Region::id).contains("us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1",
                        "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1");

        for (Region region : regions) {
            RegionMetadata sdk = region.metadata();
            assertThat(Partition.of(region.id())).as(region.id())
                    .isEqualTo(new Partition(sdk.partition().id(), sdk.partition().dnsSuffix()));
        }
    }

    @Test
    void everyPartitionIsFoundByItsNameAndNoOther() {
        for (Region region : Region.regions()) {
            if (!region.isGlobalRegion() && region.metadata() != null) {
                assertThat(Partition.named(Partition.of(region.id()).name())).contains(Partition.of(region.id()));
            }
        }
        assertThat(Partition.named("aws-eusc")).contains(Partition.of("eusc-de-east-1"));
        assertThat(Partition.named("aws-moon")).isEmpty();
        assertThat(Partition.named("AWS")).isEmpty();
    }
}
