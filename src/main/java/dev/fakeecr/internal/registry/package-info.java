/**
 * Internal: ECR's rules over one account's registry in one region — repositories, images, tags, digests,
 * layers and uploads — and the state they govern. Knows nothing of HTTP or of the protocol's JSON; reads only
 * the JSON documents ECR itself stores and judges (manifests, policies); returns the API's value types
 * ({@code dev.fakeecr.registry}). Not API: may change in any release.
 */
package dev.fakeecr.internal.registry;
