package dev.strata.application.secrets;

import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Application service: this instance's memory of revealed secret plaintext, by (tenant, secret name, version).
 * It lives in the process only (never Redis), each entry at most the TTL and at most {@code maxEntries} of them
 * (the oldest goes first); every value is copied in and out, and the held copy is overwritten with zeros when it
 * expires, is evicted, forgotten or cleared. When a secret rotates, is promoted or deleted, {@link
 * #forgetEverywhere} drops it here and broadcasts a {@link Revocation.Kind#SECRETS} revocation on the coherence
 * channel, which every instance's cache obeys. Correctness does not rest on that channel (a reveal resolves the
 * version from the store, and entries are keyed by version); the channel bounds how long plaintext that is no
 * longer wanted stays in memory. Fail closed on memory: while the channel is not {@linkplain
 * RevocationChannel#current() current}, the cache serves and keeps nothing, and a lost channel clears it.
 */
public final class PlaintextCache implements AutoCloseable {
    private final RevocationChannel channel;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    /** Insertion order is expiry order: every entry lives the same TTL, and a replaced entry is re-inserted. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();
    private long generation;
    private RevocationChannel.Subscription subscription;

    private record Key(TenantId tenant, String name, int version) {
    }

    private record Entry(byte[] value, Instant expiresAt) {
    }

    /**
     * A cache on {@code channel}, timed by {@code clock}; a zero {@code ttl} or {@code maxEntries} keeps nothing.
     * It hears other instances' drops only once {@link #start() started}.
     */
    public PlaintextCache(RevocationChannel channel, Clock clock, Duration ttl, int maxEntries) {
        this.channel = Objects.requireNonNull(channel, "channel must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be zero or positive");
        }
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be zero or positive");
        }
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    /** Starts listening for drops broadcast by any instance (this one included); returns this cache. */
    public synchronized PlaintextCache start() {
        if (subscription == null) {
            subscription = channel.listen(new RevocationChannel.Listener() {
                @Override
                public void onRevocation(TenantId tenant, Revocation revocation) {
                    if (revocation.kind() == Revocation.Kind.SECRETS) {
                        revocation.ids().forEach(name -> forget(tenant, name));
                    }
                }

                @Override
                public void onConnectionChange(boolean connected) {
                    // drops broadcast while the channel was away are lost: forget everything
                    clear();
                }
            });
        }
        return this;
    }

    /**
     * A snapshot to take before reading a secret from the store; {@link #put} refuses the value when any drop
     * happened since, so that a reveal racing a rotation or a deletion does not bring the plaintext back.
     */
    public synchronized long generation() {
        return generation;
    }

    /** A copy of the plaintext of that version, when held, not expired and the channel is current. */
    public Optional<byte[]> get(TenantId tenant, ResourceName name, int version) {
        Key key = new Key(Objects.requireNonNull(tenant, "tenant must not be null"), name.value(), version);
        if (!channel.current()) {
            clear();
            return Optional.empty();
        }
        synchronized (this) {
            Instant now = clock.now();
            expire(now);
            Entry entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (!now.isBefore(entry.expiresAt())) {
                zero(entries.remove(key));
                return Optional.empty();
            }
            return Optional.of(entry.value().clone());
        }
    }

    /**
     * Keeps a copy of {@code plaintext} for that version, unless a drop happened since {@code generationBefore}
     * (see {@link #generation()}), the channel is not current, or the cache keeps nothing. The caller still owns,
     * and zeroes, its own array.
     */
    public void put(TenantId tenant, ResourceName name, int version, byte[] plaintext, long generationBefore) {
        Key key = new Key(Objects.requireNonNull(tenant, "tenant must not be null"), name.value(), version);
        Objects.requireNonNull(plaintext, "plaintext must not be null");
        if (ttl.isZero() || maxEntries == 0 || !channel.current()) {
            return;
        }
        synchronized (this) {
            if (generation != generationBefore) {
                return;
            }
            Instant now = clock.now();
            expire(now);
            zero(entries.remove(key));
            entries.put(key, new Entry(plaintext.clone(), now.plus(ttl)));
            Iterator<Entry> oldestFirst = entries.values().iterator();
            while (entries.size() > maxEntries) {
                zero(oldestFirst.next());
                oldestFirst.remove();
            }
        }
    }

    /** Drops, on this instance only, every version of the secret held for that tenant. */
    public void forget(TenantId tenant, ResourceName name) {
        forget(tenant, name.value());
    }

    private synchronized void forget(TenantId tenant, String name) {
        generation++;
        Iterator<Map.Entry<Key, Entry>> all = entries.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<Key, Entry> entry = all.next();
            if (entry.getKey().tenant().equals(tenant) && entry.getKey().name().equals(name)) {
                zero(entry.getValue());
                all.remove();
            }
        }
    }

    /**
     * Drops every version of the secret here at once and asks every other instance to do the same (after a
     * rotation, a promotion or a deletion). False when the broadcast could not be sent: peers then drop it when
     * their entries expire, or at once if they lost the channel as well.
     */
    public boolean forgetEverywhere(TenantId tenant, ResourceName name) {
        forget(tenant, name);
        try {
            TenantContext.runAs(tenant, () -> channel.revoke(Revocation.secrets(Set.of(name.value()))));
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    /** Drops everything held, zeroing it. */
    public synchronized void clear() {
        generation++;
        entries.values().forEach(PlaintextCache::zero);
        entries.clear();
    }

    /** Zeroes and drops the expired entries (also done on every read and write; a timer may call it too). */
    public synchronized void purgeExpired() {
        expire(clock.now());
    }

    /** How many entries are held (expired ones not yet purged included). */
    public synchronized int size() {
        return entries.size();
    }

    /** Stops listening and drops everything held. */
    @Override
    public void close() {
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
        clear();
    }

    /** The arrays held right now, not copies: only for tests that check they are zeroed once dropped. */
    synchronized java.util.List<byte[]> held() {
        return entries.values().stream().map(Entry::value).toList();
    }

    private void expire(Instant now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry entry = oldestFirst.next();
            if (now.isBefore(entry.expiresAt())) {
                return;
            }
            zero(entry);
            oldestFirst.remove();
        }
    }

    private static void zero(Entry entry) {
        if (entry != null) {
            Arrays.fill(entry.value(), (byte) 0);
        }
    }
}
