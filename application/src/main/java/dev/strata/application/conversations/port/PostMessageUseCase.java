package dev.strata.application.conversations.port;

/**
 * Use case: post a message — stored, its event emitted in the same transaction, the conversation's first page
 * and its owner's recent list dropped from the cache before it returns.
 */
public interface PostMessageUseCase {
    /** @throws dev.strata.domain.shared.NotFoundException when the requester cannot reach the conversation */
    PostedMessage post(PostMessageCommand command);
}
