package dev.strata.domain.vectors;

/** Value object: the outcome of ensuring a collection — created (201), already there as asked (200), or there with other settings (409). */
public sealed interface EnsureCollectionResult {
    CollectionInfo collection();

    /** The collection did not exist and was created. */
    record Created(CollectionInfo collection) implements EnsureCollectionResult {
    }

    /** The collection existed with identical settings; nothing changed. */
    record Unchanged(CollectionInfo collection) implements EnsureCollectionResult {
    }

    /** The collection exists with other settings; nothing changed. {@code collection} is the existing one. */
    record Conflicting(CollectionInfo collection) implements EnsureCollectionResult {
    }
}
