package dev.strata.domain.vectors;

/**
 * Value object: the outcome of defining a collection — created (201), already there as asked (200), or there
 * with other settings (409).
 */
public sealed interface DefineCollectionResult {
    CollectionInfo collection();

    /** The collection did not exist and was created. */
    record Created(CollectionInfo collection) implements DefineCollectionResult {
    }

    /** The collection existed with identical settings; nothing changed. */
    record Identical(CollectionInfo collection) implements DefineCollectionResult {
    }

    /** The collection exists with other settings; nothing changed. {@code collection} is the existing one. */
    record Conflict(CollectionInfo collection) implements DefineCollectionResult {
    }
}
