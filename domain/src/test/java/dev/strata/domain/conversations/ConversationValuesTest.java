package dev.strata.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConversationValuesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void titlesArePrintableTrimmedAndBounded() {
        Conversation conversation = Conversation.start(ConversationId.random(), UserId.random(), "  Trip ✈  ", NOW);
        assertEquals("Trip ✈", conversation.title());
        for (String bad : new String[] {"", "   ", "x".repeat(201), "line\nbreak"}) {
            assertEquals("title", assertThrows(InvalidInputException.class,
                    () -> Conversation.start(ConversationId.random(), UserId.random(), bad, NOW)).field());
        }
    }

    @Test
    void idsParseOrAreAbsent() {
        ConversationId id = ConversationId.random();
        assertEquals(id, ConversationId.parse(id.toString()).orElseThrow());
        assertTrue(ConversationId.parse("not-a-uuid").isEmpty());
        assertTrue(ConversationId.parse(null).isEmpty());
    }

    @Test
    void rolesParseTheirWireNames() {
        assertEquals(Role.ASSISTANT, Role.fromWire("role", "assistant"));
        assertEquals("role", assertThrows(InvalidInputException.class, () -> Role.fromWire("role", "bot")).field());
    }

    @Test
    void messagesCopyMetadataAndKeepContentOutOfToString() {
        byte[] metadata = "{\"k\":1}".getBytes();
        NewMessage draft = new NewMessage(MessageId.random(), Role.USER, "private words", metadata, NOW);
        metadata[0] = 'X';
        Message message = draft.in(ConversationId.random(), 1);
        message.metadata()[0] = 'Y';
        assertEquals('{', message.metadata()[0]);
        assertFalse(message.toString().contains("private"));
        assertEquals("sequence", assertThrows(InvalidInputException.class, () -> draft.in(ConversationId.random(), 0)).field());
        assertEquals("metadata", assertThrows(InvalidInputException.class,
                () -> new NewMessage(MessageId.random(), Role.USER, "x", new byte[0], NOW)).field());
        assertEquals("content", assertThrows(InvalidInputException.class,
                () -> NewMessage.of(Role.USER, "x".repeat(Message.MAX_CONTENT_LENGTH + 1), NOW)).field());
    }
}
