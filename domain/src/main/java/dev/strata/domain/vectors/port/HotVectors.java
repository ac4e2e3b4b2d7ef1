package dev.strata.domain.vectors.port;

import dev.strata.domain.shared.ResourceName;
import java.util.Optional;

/**
 * Driven port: copies of often-read vectors in the shared store (Redis), per collection, inside the current tenant.
 * Every read is counted in a tumbling window; an item read more than the threshold within one window is hot and
 * may be {@link #keep kept}. A kept copy is served only while the collection's {@link CollectionStamp} (the one of
 * {@link SearchResultCache}) is the one it was kept under, so any write to the collection makes every copy
 * unreachable. At most a configured number of copies per collection, the least recently read evicted first.
 * Faults surface as {@link dev.strata.domain.shared.StoreUnavailableException}. One round trip per call.
 */
public interface HotVectors {
    /** Counts one read of {@code id} and answers the kept copy, if there is a current one. */
    Read read(ResourceName collection, String id);

    /**
     * Keeps a copy of an item read from the durable store after {@code stamp} was observed current; refused (false)
     * when the stamp is no longer current.
     */
    boolean keep(ResourceName collection, CollectionStamp stamp, String id, byte[] item);

    /** Drops every copy and count of the collection (it was deleted). */
    void forget(ResourceName collection);

    /** Answer of {@link #read}. */
    sealed interface Read permits Read.Kept, Read.NotKept {
        /** The kept copy, current. */
        record Kept(byte[] item) implements Read {
        }

        /**
         * No current copy. {@code hot}: the item has now been read more than the threshold in this window, so the
         * caller may {@link #keep} what it reads; {@code stamp}: the collection's current stamp, empty when the
         * shared store knows none (then nothing can be kept until a version is published or seeded).
         */
        record NotKept(boolean hot, Optional<CollectionStamp> stamp) implements Read {
        }
    }
}
