/**
 * Internal: one account's list of fault rules, tried per request, and the door to the package-private parts
 * of the public {@code dev.fakeecr.faults} types. Not API.
 */
package dev.fakeecr.internal.faults;
