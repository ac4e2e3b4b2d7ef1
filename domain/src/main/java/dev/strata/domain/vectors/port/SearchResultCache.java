package dev.strata.domain.vectors.port;

import dev.strata.domain.shared.ResourceName;
import java.time.Duration;

/**
 * Driven port: the shared (Redis) cache of search results, per collection, inside the current tenant. A result is
 * stored under the collection's current {@link CollectionStamp} and a hash of the whole canonical request, and is
 * served only while that stamp is still current, so a result computed before an acknowledged write is never served
 * after it. Faults surface as {@link dev.strata.domain.shared.StoreUnavailableException}; the caller then searches
 * uncached.
 *
 * <p>The protocol of a caller: a write publishes the new version after its commit and before it answers; if that
 * publish fails it waits {@link #versionLease()} after the commit before answering (by then every stamp set before
 * the commit has expired). A search {@link #lookup}s; on {@link Lookup.Unversioned} it reads the version from the
 * durable store and {@link #seedVersion seeds} it; it searches only after holding a stamp and {@link #store}s the
 * result under that stamp. A {@link Lookup} with a renewal due asks it to confirm the version against the durable
 * store and {@link #renewVersion renew} the stamp (or publish the newer version it found).
 */
public interface SearchResultCache {
    /** Longest life of a stamp that is not renewed: what a write whose publish failed waits before it answers. */
    Duration versionLease();

    /**
     * Makes {@code version} the collection's current version, with a new stamp, unless the current one is as
     * great or greater (versions never go back). Answers the stamp current afterwards.
     */
    CollectionStamp publishVersion(ResourceName collection, long version);

    /**
     * After {@link Lookup.Unversioned}: sets the version just read from the durable store, like
     * {@link #publishVersion}; answers the stamp to search and store under (a greater one published meanwhile wins).
     */
    CollectionStamp seedVersion(ResourceName collection, long version);

    /**
     * The result stored for {@code requestHash} under the collection's current stamp, if any. One round trip.
     */
    Lookup lookup(ResourceName collection, String requestHash);

    /**
     * After a {@link Lookup} whose renewal was due and a read of the durable version equal to {@code stamp}'s:
     * extends the stamp's life to {@link #versionLease()} after the lookup's {@code checkpointMillis} (never
     * shortens it). False when the stamp is no longer current.
     */
    boolean renewVersion(ResourceName collection, CollectionStamp stamp, long checkpointMillis);

    /**
     * Stores a result computed after {@code stamp} was observed current; refused (false) when the stamp is no
     * longer current, so a search that raced a write never caches its older answer. Entries expire after the
     * configured TTL; beyond the configured maximum per collection the oldest are evicted.
     */
    boolean store(ResourceName collection, CollectionStamp stamp, String requestHash, byte[] result);

    /** Drops everything of the collection (it was deleted): version, stamp and entries. */
    void forget(ResourceName collection);

    /** Answer of {@link #lookup}. */
    sealed interface Lookup permits Lookup.Hit, Lookup.Miss, Lookup.Unversioned {
        /** The stored result; {@code renewal} as in {@link Miss}. */
        record Hit(byte[] result, CollectionStamp stamp, Renewal renewal) implements Lookup {
        }

        /** Nothing stored for the request under {@code stamp}, the stamp to search and store under. */
        record Miss(CollectionStamp stamp, Renewal renewal) implements Lookup {
        }

        /** The shared store knows no version of the collection: read it from the durable store and seed it. */
        record Unversioned() implements Lookup {
        }
    }

    /**
     * Whether this caller should renew the stamp: {@code due} for one caller at a time once the stamp has lived half
     * its lease; {@code checkpointMillis} is the shared store's clock at the lookup, to pass to {@link #renewVersion}.
     */
    record Renewal(boolean due, long checkpointMillis) {
        /** No renewal asked of this caller. */
        public static final Renewal NONE = new Renewal(false, 0);
    }
}
