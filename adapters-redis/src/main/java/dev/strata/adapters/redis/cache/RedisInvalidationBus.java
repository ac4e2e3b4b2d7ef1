package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.ResourceName;
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
 * Each instance also sends itself a heartbeat, four times per {@code strata.cache.max-staleness}. Hearing
 * back a heartbeat sent at time t proves that everything published before t has been applied here, so the
 * bus is {@linkplain #current() current} until t + max-staleness: that is what makes the bound exact.
 * Two seconds without hearing it count as a lost channel (a connection can look open while nothing
 * arrives), and hearing it again as its return.
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
    private static final byte VERSION = 1;
    private static final byte KEYS = 'K';
    private static final byte PREFIX = 'P';
    private static final byte TAGS = 'T';
    private static final byte NAMESPACE = 'N';
    private static final byte HEARTBEAT = 'H';
    private static final byte REVOKED_CLIENTS = 'C';
    private static final byte REVOKED_SESSIONS = 'S';
    /** The shortest interval between heartbeats, whatever the bound. */
    static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(5);
    /** Silence after which the channel counts as lost although the connection looks open (a half-open socket). */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);
    private static final TenantId NO_TENANT = new TenantId(new UUID(0, 0));
    private static final Duration FIRST_SUBSCRIBE_WAIT = Duration.ofSeconds(2);

    private final RedisConnector redis;
    private final Duration maxStaleness;
    private final Duration heartbeatInterval;
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
    private volatile boolean subscribed;
    private volatile boolean heard = true;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    /** Until when (System.nanoTime) this instance may say it is current; see {@link #current()}. */
    private volatile long currentUntilNanos = System.nanoTime();
    private volatile boolean reported;
    private volatile boolean started;
    private volatile boolean closed;

    public RedisInvalidationBus(RedisConnector redis, MeterRegistry registry, CacheTierSettings settings) {
        this.redis = redis;
        this.maxStaleness = settings.maxStaleness();
        Duration quarter = settings.maxStaleness().dividedBy(4);
        this.heartbeatInterval = quarter.compareTo(MIN_HEARTBEAT_INTERVAL) < 0 ? MIN_HEARTBEAT_INTERVAL : quarter;
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
    public InvalidationBus.Subscription subscribe(InvalidationBus.Listener listener) {
        listeners.add(listener);
        awaitFirstSubscription();
        return () -> listeners.remove(listener);
    }

    @Override
    public void revoke(Revocation revocation) {
        TenantId tenant = TenantContext.require();
        byte[] message = encodeRevocation(instance, sequence.incrementAndGet(), Instant.now(), tenant, revocation);
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
        return subscribed && heard && open != null && open.isOpen() && !redis.failing();
    }

    @Override
    public boolean current() {
        if (!started) {
            start();
        }
        return System.nanoTime() - currentUntilNanos < 0 && connected();
    }

    @Override
    public Duration maxStaleness() {
        return maxStaleness;
    }

    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        redis.client().addListener(stateListener);
        connector.execute(this::connect);
        long every = heartbeatInterval.toNanos();
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
            // a confirmed (re-)subscription counts as a heartbeat: nothing sent before it can be missed after it
            // (the listeners flush what they hold when told the channel is back)
            long now = System.nanoTime();
            lastHeartbeatNanos = now;
            heard = true;
            subscribed = true;
            report();
            // current only once the listeners have heard of the return (and flushed)
            extendCurrent(now);
            return;
        }
        subscribed = false;
        report();
    }

    /** Sends this instance's heartbeat to itself over the channel (on the connector thread, which may block). */
    private void heartbeat() {
        try {
            if (subscribed) {
                // the send time travels in the message: only this instance reads it, with its own clock
                byte[] message = encode(NO_TENANT, HEARTBEAT, null, List.of(Long.toString(System.nanoTime())));
                redis.callBinary(c -> c.publish(CacheKeys.CHANNEL, message));
            }
        } catch (RuntimeException e) {
            // Redis is failing: the connection events and the silence check cover it
        }
    }

    /**
     * Checks that the last heartbeat came back (on a thread of its own, which never waits on Redis): a
     * connection can look open while nothing arrives (half-open socket, paused server), and messages lost
     * that way must not leave stale L1 entries. Silence longer than {@link #HEARTBEAT_TIMEOUT} counts as a
     * lost channel; the next heartbeat heard counts as its return.
     */
    private void checkSilence() {
        try {
            if (subscribed && heard && System.nanoTime() - lastHeartbeatNanos > HEARTBEAT_TIMEOUT.toNanos()) {
                heard = false;
                LOG.warn("cache invalidation channel silent for {}; treating it as lost", HEARTBEAT_TIMEOUT);
                report();
            }
        } catch (RuntimeException e) {
            LOG.warn("cache invalidation silence check failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Tells the listeners when "subscribed and hearing itself" flips. */
    private synchronized void report() {
        boolean now = subscribed && heard;
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
        Decoded decoded;
        try {
            decoded = decode(message);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring a malformed cache invalidation message ({} bytes)", message.length);
            return;
        }
        if (decoded.invalidation() == null && decoded.revocation() == null) {
            if (decoded.origin().equals(instance)) {
                lastHeartbeatNanos = System.nanoTime();
                if (decoded.heartbeatSentNanos() != null) {
                    extendCurrent(decoded.heartbeatSentNanos());
                }
                if (!heard) {
                    heard = true;
                    report();
                }
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

    /** Everything published before {@code sentNanos} has been applied here: current until sentNanos + the bound. */
    private synchronized void extendCurrent(long sentNanos) {
        long until = sentNanos + maxStaleness.toNanos();
        if (until - currentUntilNanos > 0) {
            currentUntilNanos = until;
        }
    }

    /**
     * A message as received: an invalidation, a revocation, or (both null) a heartbeat, whose send time (the
     * sender's System.nanoTime, null if absent) is {@code heartbeatSentNanos}.
     */
    record Decoded(UUID origin, long sequence, Instant sentAt, TenantId tenant, Invalidation invalidation,
                   Revocation revocation, Long heartbeatSentNanos) {
    }

    private byte[] encode(TenantId tenant, Invalidation invalidation) {
        return encodeInvalidation(instance, sequence.incrementAndGet(), Instant.now(), tenant, invalidation);
    }

    private byte[] encode(TenantId tenant, byte kind, ResourceName namespace, List<String> items) {
        return encode(instance, sequence.incrementAndGet(), Instant.now(), tenant, kind, namespace, items);
    }

    /** A revocation's wire form (package-private for the codec's unit test). */
    static byte[] encodeRevocation(UUID origin, long sequence, Instant sentAt, TenantId tenant, Revocation revocation) {
        byte kind = revocation.kind() == Revocation.Kind.CLIENTS ? REVOKED_CLIENTS : REVOKED_SESSIONS;
        return encode(origin, sequence, sentAt, tenant, kind, null, List.copyOf(revocation.ids()));
    }

    /** An invalidation's wire form (package-private for the codec's unit test). */
    static byte[] encodeInvalidation(UUID origin, long sequence, Instant sentAt, TenantId tenant, Invalidation invalidation) {
        if (invalidation instanceof Invalidation.Keys keys) {
            return encode(origin, sequence, sentAt, tenant, KEYS, invalidation.namespace(), List.copyOf(keys.keys()));
        }
        if (invalidation instanceof Invalidation.Prefix prefix) {
            return encode(origin, sequence, sentAt, tenant, PREFIX, invalidation.namespace(), List.of(prefix.prefix()));
        }
        if (invalidation instanceof Invalidation.Tagged tagged) {
            return encode(origin, sequence, sentAt, tenant, TAGS, invalidation.namespace(),
                    tagged.tags().stream().map(Tag::value).toList());
        }
        return encode(origin, sequence, sentAt, tenant, NAMESPACE, invalidation.namespace(), List.of());
    }

    private static byte[] encode(UUID origin, long sequence, Instant sentAt, TenantId tenant, byte kind,
                                 ResourceName namespace, List<String> items) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(origin.getMostSignificantBits());
            out.writeLong(origin.getLeastSignificantBits());
            out.writeLong(sequence);
            out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, sentAt));
            out.writeLong(tenant.value().getMostSignificantBits());
            out.writeLong(tenant.value().getLeastSignificantBits());
            out.writeByte(kind);
            writeBytes(out, (namespace == null ? "" : namespace.value()).getBytes(StandardCharsets.UTF_8));
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

    /** Reads a message; throws on anything malformed (package-private for the codec's unit test). */
    static Decoded decode(byte[] message) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
        if (in.readByte() != VERSION) {
            throw new IOException("unknown message version");
        }
        UUID origin = new UUID(in.readLong(), in.readLong());
        long seq = in.readLong();
        Instant sentAt = Instant.EPOCH.plus(in.readLong(), ChronoUnit.MICROS);
        TenantId tenant = new TenantId(new UUID(in.readLong(), in.readLong()));
        byte kind = in.readByte();
        String namespaceName = new String(readBytes(in), StandardCharsets.UTF_8);
        int count = in.readInt();
        if (count < 0 || count > Invalidation.MAX_ITEMS) {
            throw new IOException("bad item count");
        }
        String[] items = new String[count];
        for (int i = 0; i < count; i++) {
            items[i] = new String(readBytes(in), StandardCharsets.UTF_8);
        }
        if (kind == HEARTBEAT) {
            Long sentNanos = null;
            if (count == 1) {
                try {
                    sentNanos = Long.parseLong(items[0]);
                } catch (NumberFormatException e) {
                    throw new IOException("bad heartbeat");
                }
            }
            return new Decoded(origin, seq, sentAt, tenant, null, null, sentNanos);
        }
        if (kind == REVOKED_CLIENTS || kind == REVOKED_SESSIONS) {
            if (!namespaceName.isEmpty()) {
                throw new IOException("a revocation names no namespace");
            }
            Set<String> ids = new HashSet<>(Arrays.asList(items));
            Revocation revocation = kind == REVOKED_CLIENTS ? Revocation.clients(ids) : Revocation.sessions(ids);
            return new Decoded(origin, seq, sentAt, tenant, null, revocation, null);
        }
        ResourceName namespace = new ResourceName(namespaceName);
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
        return new Decoded(origin, seq, sentAt, tenant, invalidation, null, null);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 * 1024) {
            throw new IOException("bad length");
        }
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw new IOException("truncated message");
        }
        return data;
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
