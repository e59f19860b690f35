/**
 * Internal: the one store of account state. {@code Accounts} keeps one {@code AccountState} (registry, clock,
 * call journal, fault rules, signature strictness) per account and region, held by handles or owned by the
 * server; every door (the ECR API, the fake's own paths, the handle) reaches an account through it. The rules
 * that span registries live here too, since one registry never sees another: {@code Replication} (after a
 * push, copies into other accounts and regions) and {@code PullThroughCache} (before a pull, fetches from an
 * upstream). Not API.
 */
package dev.fakeecr.internal.account;
