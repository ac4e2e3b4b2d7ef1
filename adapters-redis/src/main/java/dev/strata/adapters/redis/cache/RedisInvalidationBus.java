package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis adapter for {@link InvalidationBus}: one Pub/Sub channel ({@code strata:cache:invalidations}) for
 * every instance. A message carries the publishing instance, its sequence number, when it was sent, the
 * tenant and what to drop (binary, so keys with any byte survive). The subscription has a connection of
 * its own; Lettuce reconnects and re-subscribes it, and listeners hear "lost" on the disconnect and "back"
 * only once the re-subscription is confirmed. Until Redis is first reached, a background task keeps trying.
 * Each instance also sends itself a heartbeat, four times per {@code strata.cache.max-staleness}; what hearing
 * it back (or not) means for {@linkplain #current() current} is {@link HeartbeatFreshness}'s to decide, and the
 * messages' wire form is {@link InvalidationWireCodec}'s: this class holds the connections, subscribes,
 * publishes and tells the listeners.
 * The time from publish to delivery on other instances is recorded as
 * {@code strata_cache_invalidation_lag_seconds}.
 *
 * <p>It is also the {@link RevocationChannel}: revocations of clients and sessions travel on the same channel as
 * messages of their own kind, delivered only to revocation listeners (never to the cache as a namespace). Sharing
 * the channel shares its order, so the same heartbeat proves that revocations are current too.
 */
@Singleton
public class RedisInvalidationBus implements InvalidationBus, RevocationChannel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBus.class);
    private static final Duration FIRST_SUBSCRIBE_WAIT = Duration.ofSeconds(2);

    private final RedisConnector redis;
    private final HeartbeatFreshness freshness;
    private final Timer lag;
    private final UUID instance = UUID.randomUUID();
    private final AtomicLong sequence = new AtomicLong();
    private final List<InvalidationBus.Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<RevocationChannel.Listener> revocationListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-cache-pubsub");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-cache-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final RedisConnectionStateListener stateListener = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (handler == connection) {
                changed(false);
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            // "back" is announced once the re-subscription is confirmed, not on the bare connect
        }
    };
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> connection;
    private volatile boolean reported;
    private volatile boolean started;
    private volatile boolean closed;

    public RedisInvalidationBus(RedisConnector redis, MeterRegistry registry, CacheTierSettings settings) {
        this.redis = redis;
        this.freshness = new HeartbeatFreshness(settings.maxStaleness(), System::nanoTime);
        this.lag = Timer.builder("strata.cache.invalidation.lag")
                .description("Time from an invalidation's publication on one instance to its delivery on another")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    @Override
    public void publish(Invalidation invalidation) {
        TenantId tenant = TenantContext.require();
        byte[] message = InvalidationWireCodec.encodeInvalidation(instance, sequence.incrementAndGet(), Instant.now(),
                tenant, invalidation);
        redis.callBinary(c -> c.publish(CacheKeys.CHANNEL, message));
    }

    @Override
    public InvalidationBus.Subscription subscribe(InvalidationBus.Listener listener) {
        listeners.add(listener);
        awaitFirstSubscription();
        return () -> listeners.remove(listener);
    }

    @Override
    public void revoke(Revocation revocation) {
        TenantId tenant = TenantContext.require();
        byte[] message = InvalidationWireCodec.encodeRevocation(instance, sequence.incrementAndGet(), Instant.now(),
                tenant, revocation);
        redis.callBinary(c -> c.publish(CacheKeys.CHANNEL, message));
    }

    @Override
    public RevocationChannel.Subscription listen(RevocationChannel.Listener listener) {
        revocationListeners.add(listener);
        awaitFirstSubscription();
        return () -> revocationListeners.remove(listener);
    }

    private void awaitFirstSubscription() {
        start();
        try {
            // delivery starts with the confirmed subscription; a Redis that is down does not hold start-up
            firstSubscription.await(FIRST_SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean connected() {
        if (!started) {
            start();
        }
        StatefulRedisPubSubConnection<byte[], byte[]> open = connection;
        return freshness.hearing() && open != null && open.isOpen() && !redis.failing();
    }

    @Override
    public boolean current() {
        if (!started) {
            start();
        }
        return freshness.current() && connected();
    }

    @Override
    public Duration maxStaleness() {
        return freshness.maxStaleness();
    }

    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        redis.client().addListener(stateListener);
        connector.execute(this::connect);
        long every = freshness.heartbeatInterval().toNanos();
        connector.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.NANOSECONDS);
        watchdog.scheduleWithFixedDelay(this::checkSilence, every, every, TimeUnit.NANOSECONDS);
    }

    private void connect() {
        if (closed || connection != null) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<byte[], byte[]> opened = redis.connectBinaryPubSub();
            opened.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    receive(message);
                }

                @Override
                public void subscribed(byte[] channel, long count) {
                    changed(true);
                }
            });
            connection = opened;
            opened.sync().subscribe(CacheKeys.CHANNEL);
        } catch (RuntimeException e) {
            StatefulRedisPubSubConnection<byte[], byte[]> failed = connection;
            connection = null;
            if (failed != null) {
                failed.closeAsync();
            }
            if (!closed) {
                connector.schedule(this::connect, 500, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void changed(boolean nowSubscribed) {
        if (nowSubscribed) {
            // a confirmed (re-)subscription counts as a heartbeat (the listeners flush what they hold when told
            // the channel is back)
            long confirmed = freshness.resubscribed();
            report();
            // current only once the listeners have heard of the return (and flushed)
            freshness.extendCurrent(confirmed);
            return;
        }
        freshness.unsubscribed();
        report();
    }

    /** Sends this instance's heartbeat to itself over the channel (on the connector thread, which may block). */
    private void heartbeat() {
        try {
            if (freshness.subscribed()) {
                byte[] message = InvalidationWireCodec.encodeHeartbeat(instance, sequence.incrementAndGet(), Instant.now(),
                        freshness.now());
                redis.callBinary(c -> c.publish(CacheKeys.CHANNEL, message));
            }
        } catch (RuntimeException e) {
            // Redis is failing: the connection events and the silence check cover it
        }
    }

    /**
     * Checks that the last heartbeat came back (on a thread of its own, which never waits on Redis): a
     * connection can look open while nothing arrives (half-open socket, paused server), and messages lost
     * that way must not leave stale L1 entries. Silence longer than {@link HeartbeatFreshness#HEARTBEAT_TIMEOUT}
     * counts as a lost channel; the next heartbeat heard counts as its return.
     */
    private void checkSilence() {
        try {
            if (freshness.fellSilent()) {
                LOG.warn("cache invalidation channel silent for {}; treating it as lost", HeartbeatFreshness.HEARTBEAT_TIMEOUT);
                report();
            }
        } catch (RuntimeException e) {
            LOG.warn("cache invalidation silence check failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Tells the listeners when "subscribed and hearing itself" flips. */
    private synchronized void report() {
        boolean now = freshness.hearing();
        if (now == reported) {
            return;
        }
        reported = now;
        if (now) {
            firstSubscription.countDown();
            LOG.info("cache invalidation channel subscribed");
        } else {
            LOG.warn("cache invalidation channel lost");
        }
        for (InvalidationBus.Listener listener : listeners) {
            try {
                listener.onConnectionChange(now);
            } catch (RuntimeException e) {
                LOG.warn("cache invalidation listener failed on a connection change: {}", e.getClass().getSimpleName());
            }
        }
        for (RevocationChannel.Listener listener : revocationListeners) {
            try {
                listener.onConnectionChange(now);
            } catch (RuntimeException e) {
                LOG.warn("revocation listener failed on a connection change: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void receive(byte[] message) {
        InvalidationWireCodec.Decoded decoded;
        try {
            decoded = InvalidationWireCodec.decode(message);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring a malformed cache invalidation message ({} bytes)", message.length);
            return;
        }
        if (decoded.heartbeat()) {
            if (decoded.origin().equals(instance) && freshness.heartbeatHeard(decoded.heartbeatSentNanos())) {
                report();
            }
            return;
        }
        if (!decoded.origin().equals(instance)) {
            Duration delay = Duration.between(decoded.sentAt(), Instant.now());
            lag.record(delay.isNegative() ? Duration.ZERO : delay);
        }
        TenantId previous = TenantContext.swap(null);
        try {
            if (decoded.revocation() != null) {
                for (RevocationChannel.Listener listener : revocationListeners) {
                    try {
                        listener.onRevocation(decoded.tenant(), decoded.revocation());
                    } catch (RuntimeException e) {
                        LOG.warn("revocation listener failed: {}", e.getClass().getSimpleName());
                    }
                }
                return;
            }
            for (InvalidationBus.Listener listener : listeners) {
                try {
                    listener.onInvalidation(decoded.tenant(), decoded.invalidation());
                } catch (RuntimeException e) {
                    LOG.warn("cache invalidation listener failed: {}", e.getClass().getSimpleName());
                }
            }
        } finally {
            TenantContext.swap(previous);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        closed = true;
        connector.shutdownNow();
        watchdog.shutdownNow();
        redis.client().removeListener(stateListener);
        StatefulRedisPubSubConnection<byte[], byte[]> open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }
}
