package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.ConversationId;
import java.util.Objects;

/** Command: delete a conversation with all its messages. */
public record DeleteConversationCommand(Requester requester, ConversationId id) {
    public DeleteConversationCommand {
        Objects.requireNonNull(requester, "requester must not be null");
        Objects.requireNonNull(id, "id must not be null");
    }
}
