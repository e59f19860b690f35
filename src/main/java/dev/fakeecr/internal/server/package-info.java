/**
 * Internal: the HTTP engine (embedded WireMock, whose types stay here) and the standalone jar's main.
 * Not API.
 */
package dev.fakeecr.internal.server;
