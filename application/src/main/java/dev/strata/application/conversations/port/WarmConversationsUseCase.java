package dev.strata.application.conversations.port;

import dev.strata.domain.shared.UserId;

/**
 * Use case: load a user's recent list and the first page of their latest conversation into the cache, in the
 * background (called when the user logs in). Returns at once; failures only cost the warmth.
 */
public interface WarmConversationsUseCase {
    void warm(UserId user);
}
