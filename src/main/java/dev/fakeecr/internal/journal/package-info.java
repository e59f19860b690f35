/** Internal: the bounded record of one account's calls, which the handle and the admin API read. Not API. */
package dev.fakeecr.internal.journal;
