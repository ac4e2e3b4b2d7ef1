package dev.strata.adapters.http.identity;

import io.micronaut.core.propagation.PropagatedContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * HTTP adapter component: a small bounded pool for the unauthenticated token endpoint. Micronaut's blocking
 * executor grows a thread per waiting request, so a flood of 200 concurrent requests, even ones answered 429,
 * put 200 threads and 200 Redis calls ahead of every authenticated request. Here at most {@code threads} run at
 * once, {@code queue} wait, and the rest are refused at once (the caller answers 503 with Retry-After).
 */
@Singleton
public final class AuthAdmission {
    private final ThreadPoolExecutor pool;

    public AuthAdmission(AuthAdmissionSettings settings) {
        this(settings.threads(), settings.queue());
    }

    AuthAdmission(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "strata-auth-admission-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * The work's eventual result, or empty when every worker is busy and the queue is full. The work runs in the
     * caller's propagated context, so its log lines carry the request's id like those of any other route.
     */
    public <T> Optional<CompletableFuture<T>> submit(Supplier<T> work) {
        try {
            return Optional.of(CompletableFuture.supplyAsync(PropagatedContext.wrapCurrent(work), pool));
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    public void close() {
        pool.shutdownNow();
    }
}
