/** HTTP adapter of the vectors area: collections, items and searches ({@code /v1/collections}). */
package dev.strata.adapters.http.vectors;
