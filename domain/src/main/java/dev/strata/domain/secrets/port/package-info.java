/** Driven ports of the secrets area: the durable store of sealed secret versions and the hash-chained audit. */
package dev.strata.domain.secrets.port;
