/**
 * Vector search: named collections of embeddings with a fixed dimension and distance metric, items
 * with flat metadata and optional text content, and top-k similarity search filtered by metadata.
 */
package dev.strata.domain.vectors;
