/** The record of the calls a client scope (an account in a region) made, as tests and reports read it. */
package dev.fakeecr.journal;
