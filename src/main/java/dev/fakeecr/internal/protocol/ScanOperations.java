package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.ScanFinding;

/**
 * Basic image scanning: PutImageScanningConfiguration, StartImageScan and DescribeImageScanFindings.
 * Scans complete at once and report the findings a test set through the handle (none by default).
 */
final class ScanOperations {
    private ScanOperations() {}

    static ObjectNode putImageScanningConfiguration(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        JsonInput configuration = Params.required("imageScanningConfiguration", input.structure("imageScanningConfiguration"));
        Registry registry = context.registry(registryId);
        boolean scanOnPush = registry.putImageScanningConfiguration(name, Boolean.TRUE.equals(configuration.bool("scanOnPush")));
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", name);
        output.putObject("imageScanningConfiguration").put("scanOnPush", scanOnPush);
        return output;
    }

    static ObjectNode startImageScan(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        ImageId id = imageId(input);
        Registry registry = context.registry(registryId);
        ImageInfo image = registry.startImageScan(name, id);
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", name);
        output.set("imageId", JsonOutput.imageId(new ImageId(image.digest(), id.tag())));
        // ECR answers while the scan is running; the fake's completes at once, as DescribeImageScanFindings shows.
        output.putObject("imageScanStatus").put("status", "IN_PROGRESS");
        return output;
    }

    static ObjectNode describeImageScanFindings(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        ImageId id = imageId(input);
        Params.maxResults(input.integer("maxResults"));
        Registry registry = context.registry(registryId);
        ImageInfo image = registry.scannedImage(name, id);
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", name);
        output.set("imageId", JsonOutput.imageId(new ImageId(image.digest(), id.tag())));
        output.set("imageScanStatus", JsonOutput.scanStatus());
        ObjectNode findings = JsonOutput.scanSummary(image.scan());
        ArrayNode list = findings.putArray("findings");
        for (ScanFinding finding : image.scan().findings()) {
            ObjectNode node = list.addObject().put("name", finding.name()).put("severity", finding.severity());
            if (finding.description() != null) {
                node.put("description", finding.description());
            }
            if (finding.uri() != null) {
                node.put("uri", finding.uri());
            }
        }
        output.set("imageScanFindings", findings);
        return output;
    }

    private static ImageId imageId(JsonInput input) {
        JsonInput id = Params.required("imageId", input.structure("imageId"));
        String digest = Params.imageDigest("imageDigest", id.string("imageDigest"));
        return new ImageId(digest, Params.imageTag("imageTag", id.string("imageTag")));
    }
}
