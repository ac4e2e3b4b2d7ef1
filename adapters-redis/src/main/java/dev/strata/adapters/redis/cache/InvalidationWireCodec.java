package dev.strata.adapters.redis.cache;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The wire form of the coherence channel's Pub/Sub messages (binary, so keys with any byte survive): version,
 * publishing instance, its sequence number, send time, tenant, kind, namespace and items. Kinds: the four
 * invalidations, the three revocations (never a cache namespace) and the heartbeat an instance sends itself.
 */
final class InvalidationWireCodec {
    private static final byte VERSION = 1;
    private static final byte KEYS = 'K';
    private static final byte PREFIX = 'P';
    private static final byte TAGS = 'T';
    private static final byte NAMESPACE = 'N';
    private static final byte HEARTBEAT = 'H';
    private static final byte REVOKED_CLIENTS = 'C';
    private static final byte REVOKED_SESSIONS = 'S';
    private static final byte REVOKED_SECRETS = 'V';
    private static final TenantId NO_TENANT = new TenantId(new UUID(0, 0));
    private static final int MAX_ITEM_BYTES = 64 * 1024;

    private InvalidationWireCodec() {
    }

    /**
     * A message as received: an invalidation, a revocation, or (both null) a heartbeat, whose send time (the
     * sender's System.nanoTime, null if absent) is {@code heartbeatSentNanos}.
     */
    record Decoded(UUID origin, long sequence, Instant sentAt, TenantId tenant, Invalidation invalidation,
                   Revocation revocation, Long heartbeatSentNanos) {
        boolean heartbeat() {
            return invalidation == null && revocation == null;
        }
    }

    /** An invalidation's wire form. */
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

    /** A revocation's wire form. */
    static byte[] encodeRevocation(UUID origin, long sequence, Instant sentAt, TenantId tenant, Revocation revocation) {
        byte kind = switch (revocation.kind()) {
            case CLIENTS -> REVOKED_CLIENTS;
            case SESSIONS -> REVOKED_SESSIONS;
            case SECRETS -> REVOKED_SECRETS;
        };
        return encode(origin, sequence, sentAt, tenant, kind, null, List.copyOf(revocation.ids()));
    }

    /**
     * A heartbeat's wire form: the send time travels in the message as the sender's own System.nanoTime (only
     * the sender reads it back, with its own clock).
     */
    static byte[] encodeHeartbeat(UUID origin, long sequence, Instant sentAt, long sentNanos) {
        return encode(origin, sequence, sentAt, NO_TENANT, HEARTBEAT, null, List.of(Long.toString(sentNanos)));
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

    /** Reads a message; throws on anything malformed (an IOException, or a domain value refusing its input). */
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
        if (kind == REVOKED_CLIENTS || kind == REVOKED_SESSIONS || kind == REVOKED_SECRETS) {
            if (!namespaceName.isEmpty()) {
                throw new IOException("a revocation names no namespace");
            }
            Set<String> ids = new HashSet<>(Arrays.asList(items));
            Revocation revocation = kind == REVOKED_CLIENTS ? Revocation.clients(ids)
                    : kind == REVOKED_SESSIONS ? Revocation.sessions(ids) : Revocation.secrets(ids);
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
        if (length < 0 || length > MAX_ITEM_BYTES) {
            throw new IOException("bad length");
        }
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw new IOException("truncated message");
        }
        return data;
    }
}
