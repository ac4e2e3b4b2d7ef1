package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.Conversation;

/**
 * Use case: start, rename and delete conversations. Each change is one transaction with its event, and drops
 * exactly the cached views it touches before it returns. Another user's conversation is not found.
 */
public interface ManageConversationsUseCase {
    /** @throws dev.strata.domain.shared.QuotaExceededException when the tenant holds its quota of conversations */
    Conversation start(StartConversationCommand command);

    /** @throws dev.strata.domain.shared.NotFoundException when the requester cannot reach the conversation */
    Conversation rename(RenameConversationCommand command);

    /** @throws dev.strata.domain.shared.NotFoundException when the requester cannot reach the conversation */
    void delete(DeleteConversationCommand command);

    /** Deletes all of one user's conversations; returns how many there were. */
    int deleteAllOf(DeleteUserConversationsCommand command);
}
