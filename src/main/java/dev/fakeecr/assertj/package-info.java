/** AssertJ assertions on the fake's state, the calls made to it and the SDK exceptions they threw. */
package dev.fakeecr.assertj;
