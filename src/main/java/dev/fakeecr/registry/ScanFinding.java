package dev.fakeecr.registry;

import java.util.Objects;

/**
 * One vulnerability a basic scan reports for an image, as DescribeImageScanFindings shows it.
 *
 * @param name the vulnerability's name, e.g. a CVE id
 * @param severity {@code INFORMATIONAL}, {@code LOW}, {@code MEDIUM}, {@code HIGH}, {@code CRITICAL} or
 *     {@code UNDEFINED}
 * @param description what the vulnerability is, or null
 * @param uri a link to the advisory, or null
 */
public record ScanFinding(String name, String severity, String description, String uri) {
    /**
     * Checks that the name and severity are given.
     *
     * @param name the vulnerability's name
     * @param severity its severity
     * @param description what it is, or null
     * @param uri a link to the advisory, or null
     * @throws NullPointerException if {@code name} or {@code severity} is null
     */
    public ScanFinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
    }

    /**
     * A finding with a name and a severity only.
     *
     * @param name the vulnerability's name, e.g. a CVE id
     * @param severity its severity, e.g. {@code HIGH}
     * @return the finding
     */
    public static ScanFinding of(String name, String severity) {
        return new ScanFinding(name, severity, null, null);
    }
}
