package dev.strata.adapters.http.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Counts requests per client address in fixed windows aligned to the clock, in memory: the routes it guards are
 * answered by each instance alone and must not depend on Redis or Postgres (liveness never does). At a new window
 * every count starts again (the map is replaced, so it never holds more than one window's addresses); beyond
 * {@code maxAddresses} distinct addresses in one window, new ones share one overflow count.
 */
public final class PublicRouteLimiter {
    static final String OVERFLOW = "overflow";

    private final int limit;
    private final long windowMillis;
    private final int maxAddresses;
    private final LongSupplier clockMillis;
    private volatile Window current;

    private record Window(long index, ConcurrentHashMap<String, AtomicInteger> counts) {
    }

    public PublicRouteLimiter(PublicRouteLimitSettings settings, LongSupplier clockMillis) {
        this.limit = settings.limit();
        this.windowMillis = settings.window().toMillis();
        this.maxAddresses = settings.maxAddresses();
        this.clockMillis = clockMillis;
        this.current = new Window(Long.MIN_VALUE, new ConcurrentHashMap<>());
    }

    /** Whether one more request from {@code address} is admitted in the current window. */
    public boolean admit(String address) {
        if (limit == 0) {
            return true;
        }
        long now = clockMillis.getAsLong();
        long index = Math.floorDiv(now, windowMillis);
        Window window = current;
        if (window.index() != index) {
            synchronized (this) {
                window = current;
                if (window.index() != index) {
                    window = new Window(index, new ConcurrentHashMap<>());
                    current = window;
                }
            }
        }
        String key = window.counts().size() >= maxAddresses && !window.counts().containsKey(address) ? OVERFLOW : address;
        return window.counts().computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= limit;
    }

    /** Milliseconds until the current window ends (the {@code Retry-After} of a refusal). */
    public long millisToNextWindow() {
        long now = clockMillis.getAsLong();
        return windowMillis - Math.floorMod(now, windowMillis);
    }
}
