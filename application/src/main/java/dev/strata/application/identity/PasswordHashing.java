package dev.strata.application.identity;

import dev.strata.domain.identity.port.SecretHasher;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Application component: runs the slow password hash on a bounded pool ({@code threads} workers, at most
 * {@code queue} waiting). A flood of logins therefore cannot take every request thread or pile up
 * unbounded work: when the queue is full, or a job waited longer than {@code maxWait}, the answer is
 * empty ("busy") at once and the caller answers 503 with Retry-After. {@link #sharing} gives another
 * hasher (the client secrets' PBKDF2) the same pool, so all slow hashing together stays within its bounds.
 */
public final class PasswordHashing implements AutoCloseable {
    private final SecretHasher hasher;
    private final ThreadPoolExecutor pool;
    private final Duration maxWait;
    private final Counters counters;
    private final boolean owner;

    /** Work counted over the whole pool (every hasher sharing it). */
    private record Counters(AtomicLong started, AtomicLong refused) {
    }

    public PasswordHashing(SecretHasher hasher, int threads, int queue, Duration maxWait) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("threads must be >= 1 and queue >= 0");
        }
        this.hasher = hasher;
        this.maxWait = maxWait;
        this.counters = new Counters(new AtomicLong(), new AtomicLong());
        this.owner = true;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "strata-password-hash-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    private PasswordHashing(SecretHasher hasher, PasswordHashing pool) {
        this.hasher = hasher;
        this.pool = pool.pool;
        this.maxWait = pool.maxWait;
        this.counters = pool.counters;
        this.owner = false;
    }

    /** The same bounded pool (threads, queue, wait, counters) running {@code other}; closing the view leaves the pool running. */
    public PasswordHashing sharing(SecretHasher other) {
        return new PasswordHashing(other, this);
    }

    /** Hashes started on this pool since it was built (by every hasher sharing it). */
    public long hashesStarted() {
        return counters.started().get();
    }

    /** Hashes refused as busy (queue full or waited too long) since the pool was built. */
    public long hashesRefused() {
        return counters.refused().get();
    }

    /** The hash of a new password, or empty when the pool is saturated. */
    public Optional<String> hash(String password) {
        return run(() -> hasher.hash(password));
    }

    /** Whether the password matches, or empty when the pool is saturated. */
    public Optional<Boolean> verify(String password, String storedHash) {
        return run(() -> hasher.verify(password, storedHash));
    }

    /** Spends the work of a verification for an unknown principal; answers false, or empty when busy. */
    public Optional<Boolean> burn(String password) {
        return run(() -> {
            hasher.burn(password);
            return false;
        });
    }

    private <T> Optional<T> run(Supplier<T> work) {
        Future<T> future;
        try {
            future = pool.submit(() -> {
                counters.started().incrementAndGet();
                return work.get();
            });
        } catch (RejectedExecutionException e) {
            counters.refused().incrementAndGet();
            return Optional.empty();
        }
        try {
            return Optional.of(future.get(maxWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            counters.refused().incrementAndGet();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            counters.refused().incrementAndGet();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (owner) {
            pool.shutdownNow();
        }
    }
}
