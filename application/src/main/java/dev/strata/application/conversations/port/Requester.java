package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.shared.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Value: who asks — an end user, who reaches only their own conversations, or an administrator (a service client
 * with {@code conversations:admin}), who reaches every user's conversations of its tenant.
 */
public record Requester(Optional<UserId> user) {
    public Requester {
        Objects.requireNonNull(user, "user must not be null (empty for an administrator)");
    }

    public static Requester user(UserId user) {
        return new Requester(Optional.of(Objects.requireNonNull(user, "user must not be null")));
    }

    public static Requester admin() {
        return new Requester(Optional.empty());
    }

    /** True when the conversation is visible to this requester. */
    public boolean reaches(Conversation conversation) {
        return user.isEmpty() || user.get().equals(conversation.owner());
    }
}
