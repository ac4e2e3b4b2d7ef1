package dev.strata.domain.conversations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Value object: a message about to be appended to a conversation; the store assigns its sequence. A
 * {@code clientMessageId} (unique per conversation) makes a retried append store nothing new.
 */
public record NewMessage(MessageId id, Role role, String content, byte[] metadata, Instant createdAt,
                         Optional<String> clientMessageId) {
    static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    public NewMessage {
        Message.check(id, role, content, metadata, createdAt);
        metadata = metadata.clone();
        Message.checkClientMessageId(clientMessageId);
    }

    /** A message without a client message id. */
    public NewMessage(MessageId id, Role role, String content, byte[] metadata, Instant createdAt) {
        this(id, role, content, metadata, createdAt, Optional.empty());
    }

    /** A message with a random id and no metadata ({@code {}}). */
    public static NewMessage of(Role role, String content, Instant createdAt) {
        return new NewMessage(MessageId.random(), role, content, EMPTY_OBJECT, createdAt);
    }

    /** A copy of the metadata JSON bytes. */
    @Override
    public byte[] metadata() {
        return metadata.clone();
    }

    /** The message as stored at {@code sequence} of {@code conversation}. */
    public Message in(ConversationId conversation, long sequence) {
        return new Message(id, conversation, sequence, role, content, metadata, createdAt, clientMessageId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewMessage that && id.equals(that.id) && role == that.role
                && content.equals(that.content) && Arrays.equals(metadata, that.metadata)
                && createdAt.equals(that.createdAt) && clientMessageId.equals(that.clientMessageId);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "NewMessage[id=" + id + ", role=" + role.wire() + ", " + content.length() + " characters]";
    }
}
