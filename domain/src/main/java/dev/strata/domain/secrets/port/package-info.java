/** Driven ports of the secrets area: the durable store of encrypted secret versions and their metadata. */
package dev.strata.domain.secrets.port;
