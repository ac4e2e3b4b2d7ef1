package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.Message;
import java.util.Objects;

/** Result: the stored message, and whether this post stored it ({@code false}: a retry answered with the first). */
public record PostedMessage(Message message, boolean created) {
    public PostedMessage {
        Objects.requireNonNull(message, "message must not be null");
    }
}
