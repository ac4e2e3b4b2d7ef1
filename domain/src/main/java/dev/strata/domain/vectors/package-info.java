/**
 * Vector search: named collections of embeddings with a fixed dimension, metric, index and storage type;
 * items with flat metadata and optional text content; vector, full-text and hybrid (reciprocal rank fusion)
 * search filtered by metadata conditions; a collection version that every write moves on.
 */
package dev.strata.domain.vectors;
