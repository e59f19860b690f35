/**
 * ECR's lifecycle policies, as pure functions: parsing and validating a policy text with ECR's messages
 * ({@link dev.fakeecr.internal.lifecycle.LifecyclePolicy}), and the one evaluator that decides which images a
 * policy expires or archives ({@link dev.fakeecr.internal.lifecycle.Evaluator}). It holds no state and knows
 * nothing of repositories: the registry hands it plain {@link dev.fakeecr.internal.lifecycle.Candidate}s and
 * applies (or previews) the decisions. Used by {@code internal.registry}, never the other way round.
 */
package dev.fakeecr.internal.lifecycle;
