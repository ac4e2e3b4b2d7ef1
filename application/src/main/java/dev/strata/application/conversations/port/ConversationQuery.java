package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.ConversationId;
import java.util.Objects;

/** Query: one conversation's details. */
public record ConversationQuery(Requester requester, ConversationId id) {
    public ConversationQuery {
        Objects.requireNonNull(requester, "requester must not be null");
        Objects.requireNonNull(id, "id must not be null");
    }
}
