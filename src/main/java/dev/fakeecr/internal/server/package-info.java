/**
 * Internal: {@code EcrServer}, the one composition root (built from {@code ServerOptions} by the library's
 * {@code FakeEcrServer} and the standalone main alike), the router that sends each path to its handler, and
 * the HTTP engine (embedded WireMock and its Jetty, whose types stay here; every refusal answered as JSON).
 * Not API.
 */
package dev.fakeecr.internal.server;
