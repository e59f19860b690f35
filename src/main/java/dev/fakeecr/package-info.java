/**
 * fake-ecr: an in-process fake of Amazon ECR. {@link dev.fakeecr.FakeEcrServer} is the server;
 * {@link dev.fakeecr.FakeEcr} is a handle on one account's registry, with ready SDK clients, seeding,
 * state, fault rules and the call journal. The JUnit extension is in {@code dev.fakeecr.junit}, the
 * AssertJ assertions in {@code dev.fakeecr.assertj}.
 */
package dev.fakeecr;
