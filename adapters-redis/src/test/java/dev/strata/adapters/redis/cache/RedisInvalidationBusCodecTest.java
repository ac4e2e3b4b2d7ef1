package dev.strata.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantId;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The coherence channel's wire format: revocations are a message type of their own, never a cache namespace. */
class RedisInvalidationBusCodecTest {
    private static final UUID ORIGIN = UUID.randomUUID();
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());
    private static final Instant SENT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void revocationsOfBothKindsRoundTripAsRevocations() throws IOException {
        for (Revocation revocation : List.of(Revocation.clients(Set.of("sc_abcdefghijklmnopqrstuv")),
                Revocation.sessions(Set.of("session-1", "session-2", "ünï\u0000code")))) {
            RedisInvalidationBus.Decoded decoded = RedisInvalidationBus.decode(
                    RedisInvalidationBus.encodeRevocation(ORIGIN, 7, SENT, TENANT, revocation));
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
            RedisInvalidationBus.Decoded decoded = RedisInvalidationBus.decode(
                    RedisInvalidationBus.encodeInvalidation(ORIGIN, 1, SENT, TENANT, invalidation));
            assertEquals(invalidation, decoded.invalidation());
            assertNull(decoded.revocation(), "an invalidation revokes nothing");
        }
    }

    @Test
    void malformedMessagesAreRefused() {
        byte[] good = RedisInvalidationBus.encodeRevocation(ORIGIN, 1, SENT, TENANT, Revocation.clients(Set.of("sc_x")));
        assertThrows(IOException.class, () -> RedisInvalidationBus.decode(Arrays.copyOf(good, good.length - 2)));
        byte[] badVersion = good.clone();
        badVersion[0] = 99;
        assertThrows(IOException.class, () -> RedisInvalidationBus.decode(badVersion));
        byte[] badKind = good.clone();
        // version (1) + origin (16) + sequence (8) + time (8) + tenant (16): the kind byte
        badKind[49] = 'Z';
        // an unknown kind fails one way or another (the receiver ignores both)
        assertThrows(Exception.class, () -> RedisInvalidationBus.decode(badKind));
        badKind[49] = 'C';
        assertEquals(Revocation.clients(Set.of("sc_x")), assertDoesNotThrow(() -> RedisInvalidationBus.decode(badKind)).revocation(),
                "control: the offset is the kind's");
    }
}
