package dev.strata.domain.shared;

import java.util.function.Supplier;

/**
 * Driven port: runs work atomically in the durable store for the current tenant (a write
 * plus the outbox event it causes, say). Nested calls join the outer unit.
 */
public interface UnitOfWork {
    <T> T execute(Supplier<T> work);

    /** Whether the calling thread is inside a unit of work that {@link #execute} would join. */
    default boolean inProgress() {
        return false;
    }

    default void run(Runnable work) {
        execute(() -> {
            work.run();
            return null;
        });
    }
}
