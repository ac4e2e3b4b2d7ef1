package dev.strata.domain.shared;

/**
 * Infrastructure fault: a backing store (Redis, Postgres) cannot be reached or failed. Adapters
 * translate driver exceptions into this (or a port-specific subclass) so nothing technical leaks inward.
 */
public class StoreUnavailableException extends RuntimeException {
    private final String store;

    public StoreUnavailableException(String store, String message, Throwable cause) {
        super(message, cause);
        this.store = store;
    }

    private StoreUnavailableException(String store, String message) {
        super(message, null, false, false);
        this.store = store;
    }

    /**
     * A call refused before it reached the store (a circuit breaker standing open): thrown per call while the
     * store is down, so it carries no stack trace (filling one in cost more than the refusal itself).
     */
    public static StoreUnavailableException refused(String store, String message) {
        return new StoreUnavailableException(store, message);
    }

    /** Which store failed: {@code redis} or {@code postgres}. */
    public String store() {
        return store;
    }
}
