/**
 * Internal: {@code EcrServer}, the one composition root (built from {@code ServerOptions} by the library's
 * {@code FakeEcrServer} and the standalone main alike), the router that sends each path to its handler, and
 * the two ways into that one router: HTTP (embedded WireMock and its Jetty; every refusal answered as JSON)
 * and in memory ({@code EcrServer.serveInMemory}, a method call, for the library's in-memory transport).
 * WireMock's types stay here. Not API.
 */
package dev.fakeecr.internal.server;
