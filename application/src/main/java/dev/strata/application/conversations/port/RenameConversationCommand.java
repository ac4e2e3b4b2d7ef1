package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationId;
import java.util.Objects;

/** Command: give a conversation a new title. */
public record RenameConversationCommand(Requester requester, ConversationId id, String title) {
    public RenameConversationCommand {
        Objects.requireNonNull(requester, "requester must not be null");
        Objects.requireNonNull(id, "id must not be null");
        title = Conversation.validTitle(title);
    }
}
