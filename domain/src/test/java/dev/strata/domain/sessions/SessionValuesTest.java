package dev.strata.domain.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionValuesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void randomSessionIdsCarryAtLeast128BitsAndDiffer() {
        SessionId one = SessionId.random();
        SessionId two = SessionId.random();
        assertNotEquals(one, two);
        assertTrue(one.value().length() * 6 >= 256, "256 random bits in base64url");
        assertTrue(SessionId.isWellFormed(one.value()));
    }

    @Test
    void sessionIdsOfTheWrongShapeAreRejected() {
        for (String bad : new String[] {"", "short", "a".repeat(21), "has space" + "a".repeat(20), "a".repeat(129),
                "ü".repeat(30)}) {
            assertFalse(SessionId.isWellFormed(bad), bad);
            assertEquals("sessionId", assertThrows(InvalidInputException.class, () -> new SessionId(bad)).field());
        }
        assertFalse(SessionId.isWellFormed(null));
    }

    @Test
    void userIdsArePrintableTextUpTo128Characters() {
        new UserId("u");
        new UserId("ext|user 42 ✓");
        new UserId("x".repeat(128));
        assertTrue(UserId.random().value().startsWith("usr_"));
        for (String bad : new String[] {"", " ", " lead", "trail ", "x".repeat(129), "tab\there"}) {
            assertEquals("userId", assertThrows(InvalidInputException.class, () -> new UserId(bad)).field(), bad);
        }
        assertThrows(InvalidInputException.class, () -> new UserId(null));
    }

    @Test
    void aSessionKeepsItsTimesInOrder() {
        SessionId id = SessionId.random();
        UserId user = UserId.random();
        byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals("expiresAt", assertThrows(InvalidInputException.class,
                () -> new Session(id, user, data, NOW, NOW, NOW)).field());
        assertEquals("lastSeenAt", assertThrows(InvalidInputException.class,
                () -> new Session(id, user, data, NOW, NOW.plusSeconds(5), NOW.minusSeconds(1))).field());
        assertEquals("data", assertThrows(InvalidInputException.class,
                () -> new Session(id, user, new byte[0], NOW, NOW.plusSeconds(5), NOW)).field());
    }

    @Test
    void aSessionCopiesItsDataAndKeepsItOutOfToString() {
        byte[] data = "{\"email\":\"a@b.c\"}".getBytes(StandardCharsets.UTF_8);
        Session session = Session.start(SessionId.random(), UserId.random(), data, NOW, NOW.plus(Duration.ofHours(1)));
        data[0] = 'X';
        assertEquals('{', session.data()[0]);
        session.data()[0] = 'Y';
        assertEquals('{', session.data()[0]);
        assertFalse(session.toString().contains("a@b.c"));
        assertEquals(session, session.withData("{\"email\":\"a@b.c\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSessionStartsWithEmptyDataWhenNoneIsGiven() {
        Session session = Session.start(SessionId.random(), UserId.random(), null, NOW, NOW.plusSeconds(60));
        assertEquals("{}", new String(session.data(), StandardCharsets.UTF_8));
        assertEquals(NOW, session.lastSeenAt());
    }

    @Test
    void touchingMovesLastSeenAndExpiry() {
        Session session = Session.start(SessionId.random(), UserId.random(), null, NOW, NOW.plusSeconds(60));
        Session touched = session.touchedAt(NOW.plusSeconds(30), NOW.plusSeconds(90));
        assertEquals(NOW.plusSeconds(30), touched.lastSeenAt());
        assertEquals(NOW.plusSeconds(90), touched.expiresAt());
        assertTrue(touched.isLiveAt(NOW.plusSeconds(89)));
        assertFalse(touched.isLiveAt(NOW.plusSeconds(90)));
    }
}
