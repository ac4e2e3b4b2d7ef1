package dev.strata.adapters.redis.shared;

import dev.strata.domain.shared.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis adapter plumbing: the one connection every Redis adapter uses, opened lazily (Strata
 * starts and serves while Redis is down) and guarded by a circuit breaker. Commands time out
 * after {@code strata.redis.command-timeout}; after a failure the circuit stays open for
 * {@code strata.redis.retry-after} and calls fail at once with {@link StoreUnavailableException},
 * so callers fall back to Postgres without waiting on a dead Redis.
 */
@Singleton
public class RedisConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    private final RedisClient client;
    private final RedisSettings settings;
    private final AtomicLong openUntilNanos = new AtomicLong(System.nanoTime());
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean failing;
    /** When the current thread last saw a Redis call fail (so it is not made the trial again right away). */
    private static final ThreadLocal<long[]> PAID = ThreadLocal.withInitial(() -> new long[] {System.nanoTime() - Long.MAX_VALUE / 2});
    private final java.util.concurrent.atomic.AtomicBoolean trialInFlight = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile StatefulRedisConnection<byte[], byte[]> binaryConnection;
    private final ExecutorService opener = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "strata-redis-connect");
        thread.setDaemon(true);
        return thread;
    });
    private final Opening<StatefulRedisConnection<String, String>> stringOpening = new Opening<>(true);
    private final Opening<StatefulRedisConnection<byte[], byte[]>> binaryOpening = new Opening<>(true);
    private final Opening<StatefulRedisPubSubConnection<String, String>> pubSubOpening = new Opening<>(false);
    private final Opening<StatefulRedisPubSubConnection<byte[], byte[]>> binaryPubSubOpening = new Opening<>(false);

    public RedisConnector(RedisClient client, RedisSettings settings) {
        this.client = client;
        this.settings = settings;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While reconnecting, refuse commands at once instead of queueing them.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
                .build());
        client.setDefaultTimeout(settings.commandTimeout());
    }

    /** Runs one Redis interaction; throws {@link StoreUnavailableException} fast while Redis is failing. */
    public <T> T call(Function<RedisCommands<String, String>, T> work) {
        boolean trial = admit();
        try {
            return attempt(() -> connection().sync(), work);
        } finally {
            endTrial(trial);
        }
    }

    /**
     * Lets a call through, or refuses it at once: while the circuit is open, and once it has been open, until one
     * trial call has succeeded (half-open). Only that one call may wait out a command timeout on a Redis that is still
     * failing, and it is most often a background task (the cache heartbeat, the event relay) rather than a request:
     * so a request pays at most one command timeout per outage, not one per {@code retry-after}. True for the trial.
     */
    private boolean admit() {
        if (System.nanoTime() - openUntilNanos.get() < 0) {
            throw StoreUnavailableException.refused("redis", "redis unavailable (circuit open)");
        }
        if (!failing) {
            return false;
        }
        if (System.nanoTime() - PAID.get()[0] < settings.retryAfter().toNanos() * 2) {
            // this thread (a request, most likely) has just waited out a timeout: another caller makes the trial
            throw StoreUnavailableException.refused("redis", "redis unavailable (circuit half-open, already waited)");
        }
        if (!trialInFlight.compareAndSet(false, true)) {
            throw StoreUnavailableException.refused("redis", "redis unavailable (circuit half-open, trial in flight)");
        }
        return true;
    }

    private void endTrial(boolean trial) {
        if (trial) {
            trialInFlight.set(false);
        }
    }

    /** Like {@link #call} but ignores an open circuit: for health probes, which detect recovery. */
    public <T> T probe(Function<RedisCommands<String, String>, T> work) {
        return attempt(() -> connection().sync(), work);
    }

    /** True while the last interaction with Redis failed (the circuit is or was recently open). */
    public boolean failing() {
        return failing;
    }

    private <C, T> T attempt(java.util.function.Supplier<C> commands, Function<C, T> work) {
        try {
            T result = work.apply(commands.get());
            if (failing) {
                failing = false;
                LOG.info("redis is reachable again");
            }
            return result;
        } catch (RedisException | IllegalStateException e) {
            trip(e);
            throw new StoreUnavailableException("redis", "redis unavailable", e);
        }
    }

    private void trip(RuntimeException cause) {
        PAID.get()[0] = System.nanoTime();
        openUntilNanos.set(System.nanoTime() + settings.retryAfter().toNanos());
        if (!failing) {
            failing = true;
            LOG.warn("redis is failing ({}); degrading to Postgres for {}", cause.getClass().getSimpleName(), settings.retryAfter());
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            return open;
        }
        StatefulRedisConnection<String, String> opened = stringOpening.await(client::connect);
        synchronized (this) {
            if (connection == null) {
                connection = opened;
            }
            return connection;
        }
    }

    /**
     * Runs a Lua script on the String connection inside {@link #call}, so it fails fast while Redis is failing;
     * a NOSCRIPT answer (first use, restart, flush) is handled by {@link LuaScript} and never trips the circuit.
     */
    public <T> T evalScript(LuaScript script, io.lettuce.core.ScriptOutputType type, String[] keys, String... args) {
        return call(commands -> script.<String, String, T>run(commands, type, keys, args));
    }

    /**
     * Opens a new Pub/Sub connection, owned (and closed) by the caller; it reconnects and re-subscribes on its
     * own. Throws {@link StoreUnavailableException} when Redis cannot be reached now.
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        try {
            return pubSubOpening.await(client::connectPubSub);
        } catch (RedisException e) {
            throw new StoreUnavailableException("redis", "redis unavailable", e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            open.close();
        }
        StatefulRedisConnection<byte[], byte[]> binary = binaryConnection;
        if (binary != null) {
            binary.close();
        }
        opener.shutdownNow();
    }

    /**
     * Like {@link #call} on a binary-safe connection (keys and values are raw bytes), behind the same
     * circuit breaker: for keys that may hold any byte, such as cache keys.
     */
    public <T> T callBinary(Function<RedisCommands<byte[], byte[]>, T> work) {
        boolean trial = admit();
        try {
            return attempt(() -> binaryConnection().sync(), work);
        } finally {
            endTrial(trial);
        }
    }

    /**
     * Like {@link #evalScript} without blocking, on the same String connection: EVALSHA is sent and the reply
     * completes the stage on Redis's I/O thread; a NOSCRIPT answer sends the source once with EVAL and never trips
     * the circuit. Behind the same circuit breaker: while it is open the stage fails at once, and a failure trips
     * it; failures arrive as {@link StoreUnavailableException}. Empty when the connection is not open yet
     * (connecting blocks: that is for {@link #evalScript}).
     */
    public <T> Optional<CompletionStage<T>> evalScriptAsync(LuaScript script, io.lettuce.core.ScriptOutputType type,
                                                             String[] keys, String... args) {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null) {
            return Optional.empty();
        }
        boolean trial;
        try {
            trial = admit();
        } catch (StoreUnavailableException refused) {
            return Optional.of(CompletableFuture.failedFuture(refused));
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            RedisAsyncCommands<String, String> commands = open.async();
            commands.<T>evalsha(script.sha1(), type, keys, args).whenComplete((result, error) -> {
                if (error != null && unwrap(error) instanceof io.lettuce.core.RedisNoScriptException) {
                    try {
                        commands.<T>eval(script.source(), type, keys, args)
                                .whenComplete((again, failure) -> settleAsync(answer, trial, again, failure));
                    } catch (RedisException | IllegalStateException e) {
                        settleAsync(answer, trial, null, e);
                    }
                } else {
                    settleAsync(answer, trial, result, error);
                }
            });
        } catch (RedisException | IllegalStateException e) {
            settleAsync(answer, trial, null, e);
        }
        return Optional.of(answer);
    }

    private <T> void settleAsync(CompletableFuture<T> answer, boolean trial, T result, Throwable error) {
        endTrial(trial);
        if (error != null) {
            Throwable cause = unwrap(error);
            RuntimeException failure = cause instanceof RuntimeException runtime ? runtime : new RedisException(cause);
            trip(failure);
            answer.completeExceptionally(new StoreUnavailableException("redis", "redis unavailable", failure));
            return;
        }
        if (failing) {
            failing = false;
            LOG.info("redis is reachable again");
        }
        answer.complete(result);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Like {@link #callBinary} without blocking: the command is sent and the answer completes the returned
     * stage on Redis's I/O thread. Behind the same circuit breaker: while it is open the stage fails at
     * once, and a failure trips it. Failures arrive as {@link StoreUnavailableException}.
     */
    public <T> CompletionStage<T> callBinaryAsync(Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> work) {
        StatefulRedisConnection<byte[], byte[]> open = binaryConnection;
        if (open == null) {
            // connecting blocks: that is for the blocking callers; this one is told "not now"
            return CompletableFuture.failedFuture(StoreUnavailableException.refused("redis", "redis not connected yet"));
        }
        boolean trial;
        try {
            trial = admit();
        } catch (StoreUnavailableException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        RedisFuture<T> sent;
        try {
            sent = work.apply(open.async());
        } catch (RedisException | IllegalStateException e) {
            trip(e);
            endTrial(trial);
            return CompletableFuture.failedFuture(new StoreUnavailableException("redis", "redis unavailable", e));
        }
        return sent.handle((result, error) -> {
            endTrial(trial);
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                RuntimeException failure = cause instanceof RuntimeException runtime ? runtime : new RedisException(cause);
                trip(failure);
                throw new StoreUnavailableException("redis", "redis unavailable", failure);
            }
            if (failing) {
                failing = false;
                LOG.info("redis is reachable again");
            }
            return result;
        });
    }

    /**
     * A new binary-safe Pub/Sub connection of its own (a subscribed connection can do nothing else); the
     * caller closes it. Throws {@link StoreUnavailableException} when Redis cannot be reached now.
     */
    public StatefulRedisPubSubConnection<byte[], byte[]> connectBinaryPubSub() {
        try {
            return binaryPubSubOpening.await(() -> client.connectPubSub(ByteArrayCodec.INSTANCE));
        } catch (RedisException e) {
            throw new StoreUnavailableException("redis", "redis unavailable", e);
        }
    }

    /** The client, for adapters that watch connection events (Pub/Sub reconnects). */
    public RedisClient client() {
        return client;
    }

    private StatefulRedisConnection<byte[], byte[]> binaryConnection() {
        StatefulRedisConnection<byte[], byte[]> open = binaryConnection;
        if (open != null) {
            return open;
        }
        StatefulRedisConnection<byte[], byte[]> opened = binaryOpening.await(() -> client.connect(ByteArrayCodec.INSTANCE));
        synchronized (this) {
            if (binaryConnection == null) {
                binaryConnection = opened;
            }
            return binaryConnection;
        }
    }

    /**
     * Opens connections off the caller's thread and waits for each at most the command timeout. Lettuce's own wait
     * for a new connection has no bound but the URI's timeout (60 s by default): a server that accepts the socket
     * and answers nothing (SIGSTOP, a stall) would hold the caller, and every caller queued behind it, that long.
     * At most one attempt per kind is in flight. A shared connection ({@code shared}) that completes after its
     * callers gave up is kept for the next caller; an owned one (Pub/Sub) is closed.
     */
    private final class Opening<C extends StatefulConnection<?, ?>> {
        private final boolean shared;
        private CompletableFuture<C> pending;

        Opening(boolean shared) {
            this.shared = shared;
        }

        C await(java.util.function.Supplier<C> connect) {
            CompletableFuture<C> attempt;
            synchronized (this) {
                if (pending != null && !pending.isDone() && !shared) {
                    throw new RedisConnectionException("redis: an earlier connection attempt is still unanswered");
                }
                if (pending == null || pending.isCompletedExceptionally() || !shared) {
                    pending = CompletableFuture.supplyAsync(connect, opener);
                }
                attempt = pending;
            }
            try {
                return attempt.get(settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (!shared) {
                    attempt.thenAccept(StatefulConnection::closeAsync);
                }
                throw new RedisConnectionException("redis did not complete a new connection within " + settings.commandTimeout());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw cause instanceof RedisException redis ? redis : new RedisConnectionException("redis connection failed", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisConnectionException("interrupted while connecting to redis", e);
            }
        }
    }
}
