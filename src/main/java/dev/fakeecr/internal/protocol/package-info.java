/**
 * Internal: ECR's awsJson 1.1 wire protocol — operation dispatch, member decoding, parameter validation,
 * SigV4 checks, fault rules and the journal applied per request, and errors on the wire. Not API: its
 * public types serve the other packages of this library and may change in any release.
 */
package dev.fakeecr.internal.protocol;
