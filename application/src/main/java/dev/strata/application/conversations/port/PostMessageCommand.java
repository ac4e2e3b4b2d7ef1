package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Role;
import dev.strata.domain.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Command: append a message to a conversation. {@code metadata} is a JSON document ({@code {}} for none); a
 * {@code clientMessageId} makes a retry answer the first result instead of storing the message twice. The
 * content's length limit is the configured one, checked by the service.
 */
public record PostMessageCommand(Requester requester, ConversationId id, Role role, String content, byte[] metadata,
                                 Optional<String> clientMessageId) {
    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    public PostMessageCommand {
        Objects.requireNonNull(requester, "requester must not be null");
        Objects.requireNonNull(id, "id must not be null");
        if (role == null) {
            throw new InvalidInputException("role", "role must be given");
        }
        if (content == null || content.isBlank()) {
            throw new InvalidInputException("content", "content must not be empty");
        }
        metadata = metadata == null || metadata.length == 0 ? NO_METADATA.clone() : metadata.clone();
        clientMessageId = clientMessageId == null ? Optional.empty() : clientMessageId;
    }

    @Override
    public byte[] metadata() {
        return metadata.clone();
    }
}
