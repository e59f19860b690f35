package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;

/** A completed basic scan of an image: when it ran and what it found. */
public record ScanResult(Instant completedAt, List<ScanFinding> findings) {
    public ScanResult {
        findings = List.copyOf(findings);
    }
}
