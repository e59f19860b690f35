/**
 * Internal: ECR's rules over one account's registry in one region — repositories, images, tags, digests,
 * layers and uploads — and the state they govern. Knows nothing of HTTP or JSON; returns the API's value
 * types ({@code dev.fakeecr.registry}). Not API: may change in any release.
 */
package dev.fakeecr.internal.registry;
