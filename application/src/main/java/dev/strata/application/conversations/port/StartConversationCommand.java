package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;

/** Command: start a conversation of {@code owner} titled {@code title}. */
public record StartConversationCommand(UserId owner, String title) {
    public StartConversationCommand {
        if (owner == null) {
            throw new InvalidInputException("userId", "userId must not be null");
        }
        title = Conversation.validTitle(title);
    }
}
