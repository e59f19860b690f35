/**
 * Internal: what the implementation packages under it share. Not API: may change in any release.
 */
package dev.fakeecr.internal;
