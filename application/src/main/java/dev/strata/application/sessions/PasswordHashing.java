package dev.strata.application.sessions;

import dev.strata.domain.sessions.port.SecretHasher;
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
import java.util.function.Supplier;

/**
 * Application component: runs the slow password hash on a bounded pool ({@code threads} workers, at most
 * {@code queue} waiting). A flood of logins therefore cannot take every request thread or pile up
 * unbounded work: when the queue is full, or a job waited longer than {@code maxWait}, the answer is
 * empty ("busy") at once and the caller answers 503 with Retry-After.
 */
public final class PasswordHashing implements AutoCloseable {
    private final SecretHasher hasher;
    private final ThreadPoolExecutor pool;
    private final Duration maxWait;

    public PasswordHashing(SecretHasher hasher, int threads, int queue, Duration maxWait) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("threads must be >= 1 and queue >= 0");
        }
        this.hasher = hasher;
        this.maxWait = maxWait;
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
            future = pool.submit(work::get);
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(future.get(maxWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
