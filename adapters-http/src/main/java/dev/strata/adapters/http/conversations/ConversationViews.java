package dev.strata.adapters.http.conversations;

import dev.strata.adapters.http.events.CloudEventResponse;
import dev.strata.application.conversations.port.Cached;
import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.events.Event;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** HTTP adapter helper of both conversations controllers: ids from paths, bodies, and the {@code X-Cache} header. */
@Singleton
public class ConversationViews {
    /** {@code HIT} when the cache answered a cached read, {@code MISS} when Postgres did. */
    public static final String X_CACHE = "X-Cache";

    private final JsonMapper json;

    public ConversationViews(JsonMapper json) {
        this.json = json;
    }

    static ConversationId id(String text) {
        return ConversationId.parse(text).orElseThrow(
                () -> new NotFoundException("conversations.not_found", "conversation not found"));
    }

    static <T> MutableHttpResponse<T> cached(MutableHttpResponse<T> response, Cached<?> read) {
        return response.header(X_CACHE, read.hit() ? "HIT" : "MISS");
    }

    ConversationResponse conversation(Conversation conversation, boolean withActivity) {
        return new ConversationResponse(conversation.id().toString(), conversation.owner().value(), conversation.title(),
                conversation.createdAt(), withActivity ? conversation.lastActivityAt() : null);
    }

    MessageResponse message(Message message) {
        return new MessageResponse(message.id().toString(), message.conversationId().toString(), message.sequence(),
                message.role().wire(), message.content(), parse(message.metadata()), message.createdAt(),
                message.clientMessageId().orElse(null));
    }

    /** A page newest first; the next page is before the oldest message shown (none when the page was short). */
    MessagesResponse page(List<Message> messages, int limit) {
        Long next = messages.size() == limit && messages.get(messages.size() - 1).sequence() > 1
                ? messages.get(messages.size() - 1).sequence() : null;
        return new MessagesResponse(messages.stream().map(this::message).toList(), next);
    }

    MessagesResponse all(List<Message> messages) {
        return new MessagesResponse(messages.stream().map(this::message).toList(), null);
    }

    /** The metadata object of a request as JSON bytes; absent or null is none, anything but an object a 400. */
    byte[] metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        if (!metadata.isObject()) {
            throw new InvalidInputException("metadata", "metadata must be a JSON object");
        }
        try {
            return json.writeValueAsBytes(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String cloudEvent(Event event) {
        try {
            return json.writeValueAsString(new CloudEventResponse(Event.SPEC_VERSION, event.id(), event.source(),
                    event.type(), event.subject().orElse(null), event.time().toString(), Event.DATA_CONTENT_TYPE,
                    parse(event.data()), event.sequence(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return Optional.ofNullable(json.readValue(bytes, JsonNode.class)).orElse(JsonNode.nullNode());
        } catch (IOException e) {
            return JsonNode.createStringNode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
