/** Vectors use cases: collections under a quota, items with hot copies, searches through the never-stale result cache. */
package dev.strata.application.vectors;
