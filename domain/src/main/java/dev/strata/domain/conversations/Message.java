package dev.strata.domain.conversations;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entity: a message of a conversation — role, text content, metadata as raw JSON bytes, and its
 * {@code sequence} (1, 2, 3... within the conversation), which is what {@code before} cursors point at, and
 * the client's own id for it when one was given.
 */
public record Message(MessageId id, ConversationId conversationId, long sequence, Role role, String content,
                      byte[] metadata, Instant createdAt, Optional<String> clientMessageId) {
    public static final int MAX_CONTENT_LENGTH = 1_000_000;
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 100;

    public Message {
        if (conversationId == null) {
            throw new InvalidInputException("conversationId", "conversationId must not be null");
        }
        if (sequence < 1) {
            throw new InvalidInputException("sequence", "sequence must be at least 1");
        }
        check(id, role, content, metadata, createdAt);
        metadata = metadata.clone();
        checkClientMessageId(clientMessageId);
    }

    /** A message without a client message id. */
    public Message(MessageId id, ConversationId conversationId, long sequence, Role role, String content,
                   byte[] metadata, Instant createdAt) {
        this(id, conversationId, sequence, role, content, metadata, createdAt, Optional.empty());
    }

    static void checkClientMessageId(Optional<String> clientMessageId) {
        if (clientMessageId == null) {
            throw new InvalidInputException("clientMessageId", "clientMessageId must not be null (empty for none)");
        }
        clientMessageId.ifPresent(text -> {
            if (text.isBlank() || text.length() > MAX_CLIENT_MESSAGE_ID_LENGTH
                    || text.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("clientMessageId",
                        "clientMessageId must be 1-" + MAX_CLIENT_MESSAGE_ID_LENGTH + " printable characters");
            }
        });
    }

    static void check(MessageId id, Role role, String content, byte[] metadata, Instant createdAt) {
        if (id == null) {
            throw new InvalidInputException("id", "id must not be null");
        }
        if (role == null) {
            throw new InvalidInputException("role", "role must not be null");
        }
        if (content == null || content.length() > MAX_CONTENT_LENGTH) {
            throw new InvalidInputException("content", "content must be at most " + MAX_CONTENT_LENGTH + " characters");
        }
        if (metadata == null || metadata.length == 0) {
            throw new InvalidInputException("metadata", "metadata must be a non-empty JSON document ({} for none)");
        }
        if (createdAt == null) {
            throw new InvalidInputException("createdAt", "createdAt must not be null");
        }
    }

    /** A copy of the metadata JSON bytes. */
    @Override
    public byte[] metadata() {
        return metadata.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && id.equals(that.id) && conversationId.equals(that.conversationId)
                && sequence == that.sequence && role == that.role && content.equals(that.content)
                && Arrays.equals(metadata, that.metadata) && createdAt.equals(that.createdAt)
                && clientMessageId.equals(that.clientMessageId);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        // content may hold personal information: keep it out of logs
        return "Message[id=" + id + ", conversationId=" + conversationId + ", sequence=" + sequence + ", role="
                + role.wire() + ", " + content.length() + " characters]";
    }
}
