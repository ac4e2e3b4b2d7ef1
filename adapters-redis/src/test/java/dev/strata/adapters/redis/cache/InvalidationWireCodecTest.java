package dev.strata.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The coherence channel's wire format, without Redis: revocations are a message type of their own, never a cache namespace. */
class InvalidationWireCodecTest {
    private static final UUID ORIGIN = UUID.randomUUID();
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());
    private static final Instant SENT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void revocationsOfBothKindsRoundTripAsRevocations() throws IOException {
        for (Revocation revocation : List.of(Revocation.clients(Set.of("sc_abcdefghijklmnopqrstuv")),
                Revocation.sessions(Set.of("session-1", "session-2", "ünï\u0000code")))) {
            InvalidationWireCodec.Decoded decoded = InvalidationWireCodec.decode(
                    InvalidationWireCodec.encodeRevocation(ORIGIN, 7, SENT, TENANT, revocation));
            assertEquals(revocation, decoded.revocation());
            assertNull(decoded.invalidation(), "a revocation is no cache invalidation");
            assertNull(decoded.heartbeatSentNanos());
            assertEquals(TENANT, decoded.tenant());
            assertEquals(ORIGIN, decoded.origin());
            assertEquals(7, decoded.sequence());
            assertEquals(SENT, decoded.sentAt());
        }
    }

    @Test
    void invalidationsStayInvalidations() throws IOException {
        ResourceName ns = new ResourceName("products");
        for (Invalidation invalidation : List.of(Invalidation.keys(ns, Set.of("c:sc_x", "s:session-1")),
                Invalidation.prefix(ns, "p"), Invalidation.tagged(ns, Set.of(new Tag("t"))), Invalidation.namespace(ns))) {
            InvalidationWireCodec.Decoded decoded = InvalidationWireCodec.decode(
                    InvalidationWireCodec.encodeInvalidation(ORIGIN, 1, SENT, TENANT, invalidation));
            assertEquals(invalidation, decoded.invalidation());
            assertNull(decoded.revocation(), "an invalidation revokes nothing");
        }
    }

    @Test
    void malformedMessagesAreRefused() {
        byte[] good = InvalidationWireCodec.encodeRevocation(ORIGIN, 1, SENT, TENANT, Revocation.clients(Set.of("sc_x")));
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(Arrays.copyOf(good, good.length - 2)));
        byte[] badVersion = good.clone();
        badVersion[0] = 99;
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(badVersion));
        byte[] badKind = good.clone();
        // version (1) + origin (16) + sequence (8) + time (8) + tenant (16): the kind byte
        badKind[49] = 'Z';
        // an unknown kind fails one way or another (the receiver ignores both)
        assertThrows(Exception.class, () -> InvalidationWireCodec.decode(badKind));
        badKind[49] = 'C';
        assertEquals(Revocation.clients(Set.of("sc_x")), assertDoesNotThrow(() -> InvalidationWireCodec.decode(badKind)).revocation(),
                "control: the offset is the kind's");
    }

    @Test
    void heartbeatsCarryTheirSendTimeAndNothingElse() throws IOException {
        InvalidationWireCodec.Decoded decoded = InvalidationWireCodec.decode(
                InvalidationWireCodec.encodeHeartbeat(ORIGIN, 3, SENT, -123_456_789L));
        assertTrue(decoded.heartbeat());
        assertEquals(-123_456_789L, decoded.heartbeatSentNanos().longValue(), "a nanoTime reading may be negative");
        assertNull(decoded.invalidation());
        assertNull(decoded.revocation());
        assertEquals(ORIGIN, decoded.origin());
        assertEquals(3, decoded.sequence());
        assertEquals(new TenantId(new UUID(0, 0)), decoded.tenant(), "a heartbeat belongs to no tenant");
        assertFalse(InvalidationWireCodec.decode(InvalidationWireCodec.encodeInvalidation(ORIGIN, 1, SENT, TENANT,
                Invalidation.namespace(new ResourceName("products")))).heartbeat());
    }

    @Test
    void keysWithAnyByteSurvive() throws IOException {
        Invalidation invalidation = Invalidation.keys(new ResourceName("products"),
                Set.of("ключ/with spaces", "emoji \uD83D\uDE00", "nul\u0000inside", "tab\tnewline\n"));
        assertEquals(invalidation, InvalidationWireCodec.decode(
                InvalidationWireCodec.encodeInvalidation(ORIGIN, 1, SENT, TENANT, invalidation)).invalidation());
    }

    @Test
    void emptyTruncatedAndOversizedInputIsRefused() {
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(new byte[0]));
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(new byte[] {1}));
        byte[] good = InvalidationWireCodec.encodeInvalidation(ORIGIN, 1, SENT, TENANT,
                Invalidation.prefix(new ResourceName("products"), "p"));
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            assertThrows(IOException.class, () -> InvalidationWireCodec.decode(cut), "cut at " + length);
        }
        // the namespace's length field follows the kind byte (offset 49)
        byte[] hugeName = good.clone();
        ByteBuffer.wrap(hugeName).putInt(50, Integer.MAX_VALUE);
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(hugeName));
        byte[] negativeName = good.clone();
        ByteBuffer.wrap(negativeName).putInt(50, -1);
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(negativeName));
    }

    @Test
    void badItemCountsAndHeartbeatsAreRefused() {
        byte[] heartbeat = InvalidationWireCodec.encodeHeartbeat(ORIGIN, 1, SENT, 42);
        // kind (49), empty namespace length (50..53), item count (54..57)
        byte[] manyItems = heartbeat.clone();
        ByteBuffer.wrap(manyItems).putInt(54, Invalidation.MAX_ITEMS + 1);
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(manyItems));
        byte[] negativeItems = heartbeat.clone();
        ByteBuffer.wrap(negativeItems).putInt(54, -1);
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(negativeItems));
        byte[] notANumber = heartbeat.clone();
        // the one item is "42": its first digit follows its length (58..61)
        notANumber[62] = 'x';
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(notANumber));
        assertEquals(42L, assertDoesNotThrow(() -> InvalidationWireCodec.decode(heartbeat)).heartbeatSentNanos().longValue(),
                "control: the offsets are the heartbeat's");
    }

    @Test
    void aRevocationNamingANamespaceIsRefused() {
        byte[] namespaced = InvalidationWireCodec.encodeInvalidation(ORIGIN, 1, SENT, TENANT,
                Invalidation.keys(new ResourceName("products"), Set.of("sc_x")));
        namespaced[49] = 'C';
        assertThrows(IOException.class, () -> InvalidationWireCodec.decode(namespaced));
    }
}
