/** Secrets use cases: envelope encryption of versioned secrets, and the bounded in-process cache of revealed plaintext. */
package dev.strata.application.secrets;
