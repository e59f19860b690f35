/**
 * Internal: ECR's awsJson 1.1 wire protocol and nothing else — operation dispatch, member decoding, parameter
 * validation, SigV4 checks, the caller's account state (fault rules, journal) applied per request, and
 * errors on the wire. Not API: may change in any release.
 */
package dev.fakeecr.internal.protocol;
