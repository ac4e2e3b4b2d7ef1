/**
 * The secrets vault: envelope encryption of versioned values ({@link dev.strata.application.secrets.EnvelopeCipher}),
 * one façade, {@link dev.strata.application.secrets.SecretsService}, for every secrets use case (each operation and
 * its audit record commit in one unit of work, so an operation whose record cannot be written fails and reveals
 * nothing), and the bounded in-process cache of revealed plaintext
 * ({@link dev.strata.application.secrets.PlaintextCache}).
 */
package dev.strata.application.secrets;
