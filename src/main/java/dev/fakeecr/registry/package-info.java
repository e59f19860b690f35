/**
 * The values tests read and pass: snapshots of repositories and images ({@link dev.fakeecr.registry.RepositoryInfo},
 * {@link dev.fakeecr.registry.ImageInfo}), repository settings, the registry's clock and quotas, and ECR's
 * errors ({@link dev.fakeecr.registry.EcrError}, {@link dev.fakeecr.registry.ErrorCode}). The rules that
 * produce them are internal.
 */
package dev.fakeecr.registry;
