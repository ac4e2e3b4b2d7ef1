package dev.strata.domain.conversations.port;

import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationCursor;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.conversations.NewMessage;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.UserId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Driven port: the durable store of conversations and their messages (Postgres). Every method works inside
 * the current {@link dev.strata.domain.shared.TenantContext}; checking that the caller owns a conversation
 * is the use case's job.
 */
public interface ConversationStore {
    /** Stores a new conversation; throws {@link dev.strata.domain.shared.ConflictException} when the id exists. */
    void create(Conversation conversation);

    /**
     * Stores a new conversation unless the tenant already holds {@code quota.limit()} conversations
     * ({@link dev.strata.domain.shared.QuotaExceededException}), exactly across instances.
     */
    void create(Conversation conversation, Quota quota);

    Optional<Conversation> find(ConversationId id);

    /** The owner's conversations, latest activity first (ties by id), after {@code after} when given, at most {@code limit}. */
    List<Conversation> listRecent(UserId owner, Optional<ConversationCursor> after, int limit);

    /** Changes the title; false when the conversation does not exist. */
    boolean rename(ConversationId id, String title);

    /** Deletes the conversation and all its messages; false when it did not exist. */
    boolean delete(ConversationId id);

    /** Deletes all of the owner's conversations with their messages; returns the ids deleted. */
    List<ConversationId> deleteAllOf(UserId owner);

    /**
     * Appends a message at the conversation's next sequence (1, 2, 3... without gaps, even under concurrent
     * appends) and moves its {@code lastActivityAt} to the message's time if later. When the message carries
     * a {@code clientMessageId} already used in this conversation, appends nothing and returns the message
     * stored first under it (its {@link Message#id()} then differs from the new one's). Empty when the
     * conversation does not exist.
     */
    Optional<Message> appendMessage(ConversationId id, NewMessage message);

    /** Messages newest first, with a sequence below {@code beforeSequence} when given, at most {@code limit}. */
    List<Message> listMessages(ConversationId id, OptionalLong beforeSequence, int limit);

    /**
     * The context window: the newest messages, at most {@code maxMessages} of them whose contents add up to at
     * most {@code maxChars} characters (counting from the newest; the first that does not fit ends the
     * window), returned oldest first.
     */
    List<Message> contextWindow(ConversationId id, int maxMessages, int maxChars);

    /**
     * Full-text search of the owner's messages: those containing every word of {@code query} (case-insensitive),
     * newest first, at most {@code limit}.
     */
    List<Message> search(UserId owner, String query, int limit);
}
