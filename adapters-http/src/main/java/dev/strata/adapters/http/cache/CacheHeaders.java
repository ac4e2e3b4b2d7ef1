package dev.strata.adapters.http.cache;

/** HTTP adapter: the names of the headers of the cache routes, shared by the controller and the fast path. */
public final class CacheHeaders {
    /** Which tier answered ({@code L1}, {@code L2}, {@code L3}), or {@code MISS}. */
    public static final String X_CACHE = "X-Cache";
    /** The lease on a miss, sent back with the fill. */
    public static final String LEASE = "X-Cache-Lease";
    /**
     * Set on a request the fast path handed to Micronaut after an L2 probe missed, so that the route does
     * not read Redis twice over before its blocking read; removed from every request a client sends.
     */
    public static final String PROBED = "X-Strata-Cache-Probed";
    /**
     * The value of {@link #PROBED} when the fast path's full read of this very request (no lease, no wait, no
     * condition) missed a moment ago: the route answers the miss without reading and counting it again. A value
     * drawn per process, so that a client cannot send it where no fast path strips the header (HTTP/2, all fast
     * routes off).
     */
    public static final String PROBED_MISS = "miss-" + java.util.UUID.randomUUID();

    private CacheHeaders() {
    }
}
