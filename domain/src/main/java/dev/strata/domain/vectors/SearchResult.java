package dev.strata.domain.vectors;

import java.util.List;

/**
 * Value object: the hits of a search, highest score first, and the collection's version read in the same
 * transaction before the search (the hits are at least as new as that version).
 */
public record SearchResult(List<SearchHit> hits, long version) {
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
