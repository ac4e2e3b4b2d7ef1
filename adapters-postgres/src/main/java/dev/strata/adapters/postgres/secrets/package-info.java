/**
 * Postgres adapters of the secrets area: the store of secrets and their sealed versions (ciphertext and
 * wrapped data keys only; deleting a version deletes its row) and the append-only, per-tenant hash-chained audit.
 */
package dev.strata.adapters.postgres.secrets;
