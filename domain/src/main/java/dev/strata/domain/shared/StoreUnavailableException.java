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

    /** Which store failed: {@code redis} or {@code postgres}. */
    public String store() {
        return store;
    }
}
