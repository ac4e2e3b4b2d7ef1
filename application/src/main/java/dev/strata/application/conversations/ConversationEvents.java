package dev.strata.application.conversations;

import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The events of the conversations area: one topic per tenant ({@value #TOPIC_NAME}),
 * the conversation's id as the CloudEvents subject (what a conversation's stream filters on), JSON data built here.
 */
public final class ConversationEvents {
    public static final String TOPIC_NAME = "conversations";
    public static final Topic TOPIC = Topic.of(TOPIC_NAME);
    public static final String SOURCE = "/v1/conversations";
    public static final String CREATED = "conversation.created";
    public static final String UPDATED = "conversation.updated";
    public static final String DELETED = "conversation.deleted";
    public static final String MESSAGE_CREATED = "conversation.message.created";

    private ConversationEvents() {
    }

    static NewEvent created(Conversation conversation) {
        return event(CREATED, conversation.id(), conversation.createdAt(), "{\"conversationId\":" + quote(conversation.id().toString())
                + ",\"userId\":" + quote(conversation.owner().value()) + ",\"title\":" + quote(conversation.title())
                + ",\"createdAt\":" + quote(conversation.createdAt().toString()) + "}");
    }

    static NewEvent renamed(Conversation conversation, Instant now) {
        return event(UPDATED, conversation.id(), now, "{\"conversationId\":" + quote(conversation.id().toString())
                + ",\"userId\":" + quote(conversation.owner().value()) + ",\"title\":" + quote(conversation.title()) + "}");
    }

    static NewEvent deleted(ConversationId id, UserId owner, Instant now) {
        return event(DELETED, id, now, "{\"conversationId\":" + quote(id.toString()) + ",\"userId\":" + quote(owner.value()) + "}");
    }

    static NewEvent messageCreated(Message message, UserId owner) {
        return event(MESSAGE_CREATED, message.conversationId(), message.createdAt(), "{\"conversationId\":"
                + quote(message.conversationId().toString()) + ",\"userId\":" + quote(owner.value())
                + ",\"messageId\":" + quote(message.id().toString()) + ",\"sequence\":" + message.sequence()
                + ",\"role\":" + quote(message.role().wire()) + ",\"content\":" + quote(message.content())
                + ",\"metadata\":" + new String(message.metadata(), StandardCharsets.UTF_8)
                + message.clientMessageId().map(id -> ",\"clientMessageId\":" + quote(id)).orElse("")
                + ",\"createdAt\":" + quote(message.createdAt().toString()) + "}");
    }

    private static NewEvent event(String type, ConversationId subject, Instant time, String json) {
        return new NewEvent(UUID.randomUUID().toString(), SOURCE, type, Optional.of(subject.toString()), time,
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
