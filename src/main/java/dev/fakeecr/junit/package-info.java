/** The JUnit 5/6 extension: the shared server, a handle and clients per test, routing, diagnostics. */
package dev.fakeecr.junit;
