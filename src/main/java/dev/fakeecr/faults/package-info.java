/** Fault rules: which calls a rule takes, how often, and what it answers instead of the fake's rules. */
package dev.fakeecr.faults;
