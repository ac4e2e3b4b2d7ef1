/**
 * Postgres + pgvector adapters of the vectors area: the collection catalogue, one items table per collection
 * (created and dropped through security-definer functions), vector, full-text and hybrid search.
 */
package dev.strata.adapters.postgres.vectors;
