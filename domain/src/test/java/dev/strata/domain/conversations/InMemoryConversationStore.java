package dev.strata.domain.conversations;

import dev.strata.domain.conversations.port.ConversationStore;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * In-memory fake of {@link ConversationStore}: per-tenant conversations with their messages. Ties in
 * activity are broken by the id's text form, which is also how Postgres orders uuids. Thread-safe.
 */
public final class InMemoryConversationStore implements ConversationStore {
    /** Latest activity first, then by id. */
    static final Comparator<Conversation> RECENT_FIRST = Comparator
            .comparing(Conversation::lastActivityAt).reversed()
            .thenComparing(conversation -> conversation.id().toString());

    private static final class State {
        Conversation conversation;
        final List<Message> messages = new ArrayList<>();

        State(Conversation conversation) {
            this.conversation = conversation;
        }
    }

    private final Map<TenantId, Map<ConversationId, State>> byTenant = new HashMap<>();

    @Override
    public synchronized void create(Conversation conversation) {
        Map<ConversationId, State> conversations = partition();
        if (conversations.containsKey(conversation.id())) {
            throw new ConflictException("conversations.exists", "conversation " + conversation.id() + " exists");
        }
        conversations.put(conversation.id(), new State(conversation));
    }

    @Override
    public synchronized void create(Conversation conversation, Quota quota) {
        Map<ConversationId, State> conversations = partition();
        if (!conversations.containsKey(conversation.id())) {
            quota.check(conversations.size());
        }
        create(conversation);
    }

    @Override
    public synchronized List<ConversationId> deleteAllOf(UserId owner) {
        List<ConversationId> deleted = partition().values().stream()
                .filter(state -> state.conversation.owner().equals(owner))
                .map(state -> state.conversation.id()).toList();
        deleted.forEach(partition()::remove);
        return deleted;
    }

    @Override
    public synchronized List<Message> contextWindow(ConversationId id, int maxMessages, int maxChars) {
        if (maxMessages < 1 || maxChars < 0) {
            throw new IllegalArgumentException("maxMessages must be at least 1 and maxChars not negative");
        }
        List<Message> window = new ArrayList<>();
        long chars = 0;
        for (Message message : listMessages(id, OptionalLong.empty(), maxMessages)) {
            chars += message.content().length();
            if (chars > maxChars) {
                break;
            }
            window.add(message);
        }
        Collections.reverse(window);
        return window;
    }

    @Override
    public synchronized List<Message> search(UserId owner, String query, int limit) {
        List<String> wanted = words(query);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return partition().values().stream()
                .filter(state -> state.conversation.owner().equals(owner))
                .flatMap(state -> state.messages.stream())
                .filter(message -> words(message.content()).containsAll(wanted))
                .sorted(Comparator.comparing(Message::createdAt).thenComparing(Message::sequence).reversed())
                .limit(limit)
                .toList();
    }

    /** Lower-cased words, as Postgres's 'simple' text search configuration splits them (near enough for tests). */
    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    @Override
    public synchronized Optional<Conversation> find(ConversationId id) {
        return Optional.ofNullable(partition().get(id)).map(state -> state.conversation);
    }

    @Override
    public synchronized List<Conversation> listRecent(UserId owner, Optional<ConversationCursor> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return partition().values().stream()
                .map(state -> state.conversation)
                .filter(conversation -> conversation.owner().equals(owner))
                .filter(conversation -> after.isEmpty() || isAfter(conversation, after.get()))
                .sorted(RECENT_FIRST)
                .limit(limit)
                .toList();
    }

    private static boolean isAfter(Conversation conversation, ConversationCursor cursor) {
        int byActivity = conversation.lastActivityAt().compareTo(cursor.lastActivityAt());
        return byActivity < 0 || (byActivity == 0 && conversation.id().toString().compareTo(cursor.id().toString()) > 0);
    }

    @Override
    public synchronized boolean rename(ConversationId id, String title) {
        State state = partition().get(id);
        if (state == null) {
            return false;
        }
        state.conversation = state.conversation.withTitle(title);
        return true;
    }

    @Override
    public synchronized boolean delete(ConversationId id) {
        return partition().remove(id) != null;
    }

    @Override
    public synchronized Optional<Message> appendMessage(ConversationId id, NewMessage message) {
        State state = partition().get(id);
        if (state == null) {
            return Optional.empty();
        }
        if (message.clientMessageId().isPresent()) {
            Optional<Message> first = state.messages.stream()
                    .filter(stored -> stored.clientMessageId().equals(message.clientMessageId())).findFirst();
            if (first.isPresent()) {
                return first;
            }
        }
        Message appended = message.in(id, state.messages.size() + 1L);
        state.messages.add(appended);
        Conversation current = state.conversation;
        if (message.createdAt().isAfter(current.lastActivityAt())) {
            state.conversation = new Conversation(current.id(), current.owner(), current.title(), current.createdAt(),
                    message.createdAt());
        }
        return Optional.of(appended);
    }

    @Override
    public synchronized List<Message> listMessages(ConversationId id, OptionalLong beforeSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        State state = partition().get(id);
        if (state == null) {
            return List.of();
        }
        List<Message> newestFirst = new ArrayList<>();
        for (int i = state.messages.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
            Message message = state.messages.get(i);
            if (beforeSequence.isEmpty() || message.sequence() < beforeSequence.getAsLong()) {
                newestFirst.add(message);
            }
        }
        return newestFirst;
    }

    private Map<ConversationId, State> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}
