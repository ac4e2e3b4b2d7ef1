package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * The time from publish to delivery on other instances is recorded as
 * {@code strata_cache_invalidation_lag_seconds}.
 */
@Singleton
public class RedisInvalidationBus implements InvalidationBus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBus.class);
    private static final byte VERSION = 1;
    private static final byte KEYS = 'K';
    private static final byte PREFIX = 'P';
    private static final byte TAGS = 'T';
    private static final byte NAMESPACE = 'N';
    private static final Duration FIRST_SUBSCRIBE_WAIT = Duration.ofSeconds(2);

    private final RedisConnector redis;
    private final Timer lag;
    private final UUID instance = UUID.randomUUID();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-cache-pubsub");
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
    private volatile boolean subscribed;
    private volatile boolean started;
    private volatile boolean closed;

    public RedisInvalidationBus(RedisConnector redis, MeterRegistry registry) {
        this.redis = redis;
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
        byte[] message = encode(tenant, invalidation);
        redis.callBinary(c -> c.publish(CacheKeys.CHANNEL, message));
    }

    @Override
    public Subscription subscribe(Listener listener) {
        listeners.add(listener);
        start();
        try {
            // delivery starts with the confirmed subscription; a Redis that is down does not hold start-up
            firstSubscription.await(FIRST_SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean connected() {
        if (!started) {
            start();
        }
        StatefulRedisPubSubConnection<byte[], byte[]> open = connection;
        return subscribed && open != null && open.isOpen() && !redis.failing();
    }

    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        redis.client().addListener(stateListener);
        connector.execute(this::connect);
    }

    private void connect() {
        if (closed || connection != null) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<byte[], byte[]> opened = redis.connectPubSub();
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
        if (subscribed == nowSubscribed) {
            return;
        }
        subscribed = nowSubscribed;
        if (nowSubscribed) {
            firstSubscription.countDown();
            LOG.info("cache invalidation channel subscribed");
        } else {
            LOG.warn("cache invalidation channel lost");
        }
        for (Listener listener : listeners) {
            try {
                listener.onConnectionChange(nowSubscribed);
            } catch (RuntimeException e) {
                LOG.warn("cache invalidation listener failed on a connection change: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void receive(byte[] message) {
        Decoded decoded;
        try {
            decoded = decode(message);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring a malformed cache invalidation message ({} bytes)", message.length);
            return;
        }
        if (!decoded.origin().equals(instance)) {
            Duration delay = Duration.between(decoded.sentAt(), Instant.now());
            lag.record(delay.isNegative() ? Duration.ZERO : delay);
        }
        TenantId previous = TenantContext.swap(null);
        try {
            for (Listener listener : listeners) {
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

    private record Decoded(UUID origin, long sequence, Instant sentAt, TenantId tenant, Invalidation invalidation) {
    }

    private byte[] encode(TenantId tenant, Invalidation invalidation) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(instance.getMostSignificantBits());
            out.writeLong(instance.getLeastSignificantBits());
            out.writeLong(sequence.incrementAndGet());
            Instant now = Instant.now();
            out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, now));
            out.writeLong(tenant.value().getMostSignificantBits());
            out.writeLong(tenant.value().getLeastSignificantBits());
            List<String> items;
            if (invalidation instanceof Invalidation.Keys keys) {
                out.writeByte(KEYS);
                items = List.copyOf(keys.keys());
            } else if (invalidation instanceof Invalidation.Prefix prefix) {
                out.writeByte(PREFIX);
                items = List.of(prefix.prefix());
            } else if (invalidation instanceof Invalidation.Tagged tagged) {
                out.writeByte(TAGS);
                items = tagged.tags().stream().map(Tag::value).toList();
            } else {
                out.writeByte(NAMESPACE);
                items = List.of();
            }
            writeBytes(out, invalidation.namespace().value().getBytes(StandardCharsets.UTF_8));
            out.writeInt(items.size());
            for (String item : items) {
                writeBytes(out, item.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeBytes(DataOutputStream out, byte[] data) throws IOException {
        out.writeInt(data.length);
        out.write(data);
    }

    private static Decoded decode(byte[] message) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
        if (in.readByte() != VERSION) {
            throw new IOException("unknown message version");
        }
        UUID origin = new UUID(in.readLong(), in.readLong());
        long seq = in.readLong();
        Instant sentAt = Instant.EPOCH.plus(in.readLong(), ChronoUnit.MICROS);
        TenantId tenant = new TenantId(new UUID(in.readLong(), in.readLong()));
        byte kind = in.readByte();
        ResourceName namespace = new ResourceName(new String(readBytes(in), StandardCharsets.UTF_8));
        int count = in.readInt();
        if (count < 0 || count > Invalidation.MAX_ITEMS) {
            throw new IOException("bad item count");
        }
        String[] items = new String[count];
        for (int i = 0; i < count; i++) {
            items[i] = new String(readBytes(in), StandardCharsets.UTF_8);
        }
        Invalidation invalidation = switch (kind) {
            case KEYS -> Invalidation.keys(namespace, new HashSet<>(Arrays.asList(items)));
            case PREFIX -> Invalidation.prefix(namespace, items[0]);
            case TAGS -> {
                Set<Tag> tags = new HashSet<>();
                for (String item : items) {
                    tags.add(new Tag(item));
                }
                yield Invalidation.tagged(namespace, tags);
            }
            case NAMESPACE -> Invalidation.namespace(namespace);
            default -> throw new IOException("unknown kind");
        };
        return new Decoded(origin, seq, sentAt, tenant, invalidation);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 * 1024) {
            throw new IOException("bad length");
        }
        return in.readNBytes(length);
    }

    @Override
    @PreDestroy
    public void close() {
        closed = true;
        connector.shutdownNow();
        redis.client().removeListener(stateListener);
        StatefulRedisPubSubConnection<byte[], byte[]> open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }
}
