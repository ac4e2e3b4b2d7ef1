package dev.strata.domain.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.domain.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventValuesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void topicNamesFollowTheResourceNamePattern() {
        new Topic("orders");
        new Topic("auth-notifications");
        new Topic("a.b_c-0");
        new Topic("t" + "x".repeat(62));
        for (String bad : new String[] {"", "Orders", "-orders", "or ders", "orders/1", "t" + "x".repeat(63)}) {
            assertEquals("topic", assertThrows(InvalidInputException.class, () -> new Topic(bad)).field(), bad);
        }
        assertThrows(InvalidInputException.class, () -> new Topic(null));
    }

    @Test
    void idempotencyKeysAreVisibleAscii() {
        new IdempotencyKey("7f3a-req_1");
        new IdempotencyKey("x".repeat(255));
        for (String bad : new String[] {"", "with space", "ü", "x".repeat(256)}) {
            assertEquals("Idempotency-Key", assertThrows(InvalidInputException.class, () -> new IdempotencyKey(bad)).field());
        }
    }

    @Test
    void eventsCopyTheirDataAndNameBadAttributes() {
        byte[] data = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        NewEvent event = new NewEvent("id-1", "/src", "order.created", Optional.of("orders/1"), NOW, data);
        data[0] = 'X';
        event.data()[1] = 'Y';
        Event appended = event.at(new Topic("orders"), 1);
        assertEquals("{\"a\":1}", appended.dataAsUtf8());
        assertEquals(1, appended.sequence());
        assertFalse(appended.toString().contains("\"a\""));

        assertEquals("type", assertThrows(InvalidInputException.class,
                () -> new NewEvent("id", "/src", "bad type", Optional.empty(), NOW, data)).field());
        assertEquals("id", assertThrows(InvalidInputException.class,
                () -> new NewEvent("", "/src", "t", Optional.empty(), NOW, data)).field());
        assertEquals("subject", assertThrows(InvalidInputException.class,
                () -> new NewEvent("id", "/src", "t", Optional.of(""), NOW, data)).field());
        assertEquals("data", assertThrows(InvalidInputException.class,
                () -> new NewEvent("id", "/src", "t", Optional.empty(), NOW, new byte[0])).field());
        assertEquals("sequence", assertThrows(InvalidInputException.class, () -> event.at(new Topic("orders"), 0)).field());
    }
}
