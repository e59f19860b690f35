/**
 * ECR's rules and state: repositories, images, tags, digests and layers of one account's registry, and
 * the values tests read ({@link dev.fakeecr.registry.RepositoryInfo}, {@link dev.fakeecr.registry.ImageInfo}).
 * Knows nothing of HTTP or of the JSON requests that reach it.
 */
package dev.fakeecr.registry;
