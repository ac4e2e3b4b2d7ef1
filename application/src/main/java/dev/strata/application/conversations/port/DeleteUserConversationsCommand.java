package dev.strata.application.conversations.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;

/** Command: delete every conversation of one user (a data deletion request). */
public record DeleteUserConversationsCommand(UserId owner) {
    public DeleteUserConversationsCommand {
        if (owner == null) {
            throw new InvalidInputException("userId", "userId must not be null");
        }
    }
}
