/**
 * Driven ports of the vectors area: the collections (definitions, counts, versions) and the store of their
 * items that answers vector, text and hybrid searches (Postgres), and the shared caches of search results and
 * hot vectors (Redis).
 */
package dev.strata.domain.vectors.port;
