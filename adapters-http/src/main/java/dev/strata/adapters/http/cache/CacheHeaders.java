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

    private CacheHeaders() {
    }
}
