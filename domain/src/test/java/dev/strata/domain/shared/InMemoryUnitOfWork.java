package dev.strata.domain.shared;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * In-memory fake of {@link UnitOfWork}: runs the work at once; nested calls join the outer unit. It cannot
 * roll anything back; it counts units so tests can see that a use case asked for atomicity.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    @Override
    public <T> T execute(Supplier<T> work) {
        int outer = depth.get();
        depth.set(outer + 1);
        try {
            T result = work.get();
            if (outer == 0) {
                completed.incrementAndGet();
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (outer == 0) {
                failed.incrementAndGet();
            }
            throw e;
        } finally {
            if (outer == 0) {
                depth.remove();
            } else {
                depth.set(outer);
            }
        }
    }

    /** True while the calling thread runs inside a unit. */
    public boolean active() {
        return depth.get() > 0;
    }

    @Override
    public boolean inProgress() {
        return active();
    }

    /** Outermost units that finished normally (nested calls are not counted). */
    public int completedUnits() {
        return completed.get();
    }

    /** Outermost units that ended with an exception (a real store would have rolled them back). */
    public int failedUnits() {
        return failed.get();
    }
}
