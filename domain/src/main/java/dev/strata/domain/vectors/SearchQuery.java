package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Value object: a search — the query vector and/or text (as the mode needs), how many hits ({@code k},
 * 1–1000, default 10), a metadata filter, an optional minimum score, optional HNSW {@code efSearch} (1–1000)
 * and IVFFlat {@code probes} (1–32768), the mode, and which parts of the items hits carry.
 */
public record SearchQuery(Optional<Embedding> vector, Optional<String> text, int k, MetadataFilter filter,
                          OptionalDouble minScore, OptionalInt efSearch, OptionalInt probes, SearchMode mode,
                          Set<Include> include) {
    public static final int DEFAULT_K = 10;
    public static final int MAX_K = 1000;
    public static final int MAX_EF_SEARCH = 1000;
    public static final int MAX_TEXT_LENGTH = 4096;
    /** What hits carry when the query does not say: their metadata. */
    public static final Set<Include> DEFAULT_INCLUDE = Set.of(Include.METADATA);

    public SearchQuery {
        if (vector == null || text == null || minScore == null || efSearch == null || probes == null) {
            throw new InvalidInputException("query", "vector, text, minScore, efSearch and probes must not be null (use empty)");
        }
        if (mode == null) {
            throw new InvalidInputException("mode", "mode must be one of vector, text, hybrid");
        }
        if ((mode == SearchMode.VECTOR || mode == SearchMode.HYBRID) && vector.isEmpty()) {
            throw new InvalidInputException("vector", "vector is required with mode " + mode.wire());
        }
        if (mode == SearchMode.TEXT && vector.isPresent()) {
            throw new InvalidInputException("vector", "vector must not be given with mode text");
        }
        if ((mode == SearchMode.TEXT || mode == SearchMode.HYBRID) && (text.isEmpty() || text.get().isBlank())) {
            throw new InvalidInputException("text", "text is required with mode " + mode.wire());
        }
        if (mode == SearchMode.VECTOR && text.isPresent()) {
            throw new InvalidInputException("text", "text needs mode text or hybrid");
        }
        if (text.isPresent() && text.get().length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException("text", "text must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        if (text.isPresent() && text.get().indexOf('\0') >= 0) {
            throw new InvalidInputException("text", "text must not contain the character U+0000");
        }
        if (k < 1 || k > MAX_K) {
            throw new InvalidInputException("k", "k must be 1-" + MAX_K);
        }
        if (filter == null) {
            throw new InvalidInputException("filter", "filter must not be null");
        }
        if (minScore.isPresent() && !Double.isFinite(minScore.getAsDouble())) {
            throw new InvalidInputException("minScore", "minScore must be a finite number when given");
        }
        if (efSearch.isPresent() && (efSearch.getAsInt() < 1 || efSearch.getAsInt() > MAX_EF_SEARCH)) {
            throw new InvalidInputException("efSearch", "efSearch must be 1-" + MAX_EF_SEARCH + " when given");
        }
        if (probes.isPresent() && (probes.getAsInt() < 1 || probes.getAsInt() > IndexSettings.IvfFlat.MAX_LISTS)) {
            throw new InvalidInputException("probes", "probes must be 1-" + IndexSettings.IvfFlat.MAX_LISTS + " when given");
        }
        if (include == null) {
            throw new InvalidInputException("include", "include must not be null");
        }
        include = include.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(include));
    }

    /** The {@code k} nearest items, unfiltered, with their metadata. */
    public static SearchQuery nearest(Embedding vector, int k) {
        return new SearchQuery(Optional.of(vector), Optional.empty(), k, MetadataFilter.NONE, OptionalDouble.empty(),
                OptionalInt.empty(), OptionalInt.empty(), SearchMode.VECTOR, DEFAULT_INCLUDE);
    }

    /** The {@code k} items whose content best matches {@code text}. */
    public static SearchQuery text(String text, int k) {
        return new SearchQuery(Optional.empty(), Optional.of(text), k, MetadataFilter.NONE, OptionalDouble.empty(),
                OptionalInt.empty(), OptionalInt.empty(), SearchMode.TEXT, DEFAULT_INCLUDE);
    }

    /** The {@code k} best items of the vector and text rankings fused. */
    public static SearchQuery hybrid(Embedding vector, String text, int k) {
        return new SearchQuery(Optional.of(vector), Optional.of(text), k, MetadataFilter.NONE, OptionalDouble.empty(),
                OptionalInt.empty(), OptionalInt.empty(), SearchMode.HYBRID, DEFAULT_INCLUDE);
    }

    public SearchQuery withFilter(MetadataFilter newFilter) {
        return new SearchQuery(vector, text, k, newFilter, minScore, efSearch, probes, mode, include);
    }

    public SearchQuery withMinScore(double score) {
        return new SearchQuery(vector, text, k, filter, OptionalDouble.of(score), efSearch, probes, mode, include);
    }

    public SearchQuery withEfSearch(int ef) {
        return new SearchQuery(vector, text, k, filter, minScore, OptionalInt.of(ef), probes, mode, include);
    }

    public SearchQuery withProbes(int count) {
        return new SearchQuery(vector, text, k, filter, minScore, efSearch, OptionalInt.of(count), mode, include);
    }

    public SearchQuery including(Set<Include> parts) {
        return new SearchQuery(vector, text, k, filter, minScore, efSearch, probes, mode, parts);
    }

    public boolean includes(Include part) {
        return include.contains(part);
    }
}
