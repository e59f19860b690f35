package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;

/**
 * A completed basic scan of an image: when it ran and what it found.
 *
 * @param completedAt when the scan completed, by the registry's clock
 * @param findings the vulnerabilities it reported
 */
public record ScanResult(Instant completedAt, List<ScanFinding> findings) {
    /**
     * Copies {@code findings}.
     *
     * @param completedAt when the scan completed
     * @param findings the vulnerabilities it reported
     */
    public ScanResult {
        findings = List.copyOf(findings);
    }
}
