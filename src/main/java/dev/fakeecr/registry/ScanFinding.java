package dev.fakeecr.registry;

import java.util.Objects;

/**
 * One vulnerability a basic scan reports for an image, as DescribeImageScanFindings shows it.
 *
 * @param severity {@code INFORMATIONAL}, {@code LOW}, {@code MEDIUM}, {@code HIGH}, {@code CRITICAL} or
 *     {@code UNDEFINED}
 * @param uri a link to the advisory, or null
 */
public record ScanFinding(String name, String severity, String description, String uri) {
    public ScanFinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
    }

    /** A finding with a name and a severity only. */
    public static ScanFinding of(String name, String severity) {
        return new ScanFinding(name, severity, null, null);
    }
}
