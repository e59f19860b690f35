/** The calls an account made, as tests and reports read them: each {@link dev.fakeecr.journal.Call} and its request. */
package dev.fakeecr.journal;
