package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.RepositoryInfo;
import java.util.List;

/**
 * How one repository is scanned (BatchGetRepositoryScanningConfiguration).
 *
 * @param repository the repository
 * @param scanOnPush whether a push is scanned at once
 * @param scanFrequency {@code SCAN_ON_PUSH}, {@code CONTINUOUS_SCAN} or {@code MANUAL}
 * @param appliedFilters the registry rule's filters that matched the repository; none when its own flag decides
 */
public record RepositoryScanning(RepositoryInfo repository, boolean scanOnPush, String scanFrequency,
                                 List<String> appliedFilters) {}
