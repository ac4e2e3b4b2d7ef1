package dev.strata.domain.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Shared kernel: the tenant the current unit of work runs for. Set once per request by the
 * HTTP edge from the verified token (never from request parameters) and read by adapters,
 * which scope every Redis key and every SQL transaction to it.
 */
public final class TenantContext {
    private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    /** The tenant of the running work, if any. */
    public static Optional<TenantId> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The tenant of the running work; a missing context is a programming error, never a client's. */
    public static TenantId require() {
        TenantId id = CURRENT.get();
        if (id == null) {
            throw new IllegalStateException("no tenant context: tenant-scoped work must run inside TenantContext.callAs");
        }
        return id;
    }

    /** Runs {@code work} as {@code tenant}, restoring whatever context was there before. */
    public static <T> T callAs(TenantId tenant, Supplier<T> work) {
        Objects.requireNonNull(tenant, "tenant must not be null");
        TenantId previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    /** Runs {@code work} as {@code tenant}. */
    public static void runAs(TenantId tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    /** Sets the context and returns the previous one; for propagation hooks that cannot wrap a call. */
    public static TenantId swap(TenantId tenant) {
        TenantId previous = CURRENT.get();
        restore(tenant);
        return previous;
    }

    private static void restore(TenantId previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
