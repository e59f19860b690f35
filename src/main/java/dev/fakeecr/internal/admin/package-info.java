/**
 * Internal: the fake's own paths under {@code /fake-ecr/} — the admin API for processes without a handle
 * (health, fault rules, call journal) and the layer download URLs. Answers in ECR's JSON error form; reading
 * creates no state. Not API.
 */
package dev.fakeecr.internal.admin;
