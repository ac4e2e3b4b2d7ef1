package dev.strata.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.conversations.port.ConversationStore;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link ConversationStore}: the in-memory fake and the Postgres adapter extend it. */
public abstract class ConversationStoreContract extends ContractSupport {
    protected ConversationStore store;
    protected TenantId tenant;
    protected UserId user;

    /** Hook: the store under test; called before each test. */
    protected abstract ConversationStore createSubject();

    @BeforeEach
    void createConversationStore() {
        store = createSubject();
        tenant = newTenant();
        user = UserId.random();
    }

    protected Conversation conversation(UserId owner, String title, Instant at) {
        return Conversation.start(ConversationId.random(), owner, title, at);
    }

    private Conversation create(Conversation conversation) {
        runAs(tenant, () -> store.create(conversation));
        return conversation;
    }

    private Message append(ConversationId id, NewMessage message) {
        return as(tenant, () -> store.appendMessage(id, message)).orElseThrow();
    }

    private List<ConversationId> recent(UserId owner, Optional<ConversationCursor> after, int limit) {
        return as(tenant, () -> store.listRecent(owner, after, limit)).stream().map(Conversation::id).toList();
    }

    @Test
    void findsACreatedConversation() {
        Conversation conversation = create(conversation(user, "Trip to Kraków ✈", now()));
        assertEquals(conversation, as(tenant, () -> store.find(conversation.id())).orElseThrow());
    }

    @Test
    void anUnknownConversationIsAbsent() {
        ConversationId unknown = ConversationId.random();
        assertTrue(as(tenant, () -> store.find(unknown)).isEmpty());
        assertTrue(as(tenant, () -> store.appendMessage(unknown, NewMessage.of(Role.USER, "hi", now()))).isEmpty());
        assertTrue(as(tenant, () -> store.listMessages(unknown, OptionalLong.empty(), 10)).isEmpty());
        assertFalse(as(tenant, () -> store.rename(unknown, "x")));
        assertFalse(as(tenant, () -> store.delete(unknown)));
    }

    @Test
    void anIdIsCreatedOnce() {
        Conversation conversation = create(conversation(user, "first", now()));
        Conversation clash = new Conversation(conversation.id(), user, "second", now(), now());
        assertThrows(ConflictException.class, () -> runAs(tenant, () -> store.create(clash)));
        assertEquals("first", as(tenant, () -> store.find(conversation.id())).orElseThrow().title());
    }

    @Test
    void listsTheOwnersConversationsLatestActivityFirst() {
        Instant base = now();
        Conversation old = create(conversation(user, "old", base.minus(Duration.ofHours(3))));
        Conversation mid = create(conversation(user, "mid", base.minus(Duration.ofHours(2))));
        Conversation fresh = create(conversation(user, "fresh", base.minus(Duration.ofHours(1))));
        create(conversation(UserId.random(), "someone else's", base));

        assertEquals(List.of(fresh.id(), mid.id(), old.id()), recent(user, Optional.empty(), 50));

        append(old.id(), NewMessage.of(Role.USER, "bump", base));
        assertEquals(List.of(old.id(), fresh.id(), mid.id()), recent(user, Optional.empty(), 50));
        assertEquals(base, as(tenant, () -> store.find(old.id())).orElseThrow().lastActivityAt());
    }

    @Test
    void recentConversationsPageThroughEachOnceEvenWithTies() {
        Instant base = now();
        Set<ConversationId> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            Instant at = base.minus(Duration.ofMinutes(i / 2));
            created.add(create(conversation(user, "c" + i, at)).id());
        }
        List<ConversationId> all = recent(user, Optional.empty(), 50);
        assertEquals(created, new HashSet<>(all));

        List<ConversationId> paged = new ArrayList<>();
        Optional<ConversationCursor> after = Optional.empty();
        while (true) {
            Optional<ConversationCursor> cursor = after;
            List<Conversation> page = as(tenant, () -> store.listRecent(user, cursor, 3));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(conversation -> paged.add(conversation.id()));
            after = Optional.of(ConversationCursor.after(page.get(page.size() - 1)));
        }
        assertEquals(all, paged);
    }

    @Test
    void messagesAreNumberedAndKeptExactly() {
        Conversation conversation = create(conversation(user, "chat", now()));
        byte[] metadata = "{ \"model\" : \"x-1\", \"tokens\": 12 }".getBytes(StandardCharsets.UTF_8);
        NewMessage question = new NewMessage(MessageId.random(), Role.USER, "Wie spät ist es?\n🕐", metadata, now());
        NewMessage answer = NewMessage.of(Role.ASSISTANT, "", now());

        Message first = append(conversation.id(), question);
        Message second = append(conversation.id(), answer);
        assertEquals(question.in(conversation.id(), 1), first);
        assertEquals(answer.in(conversation.id(), 2), second);

        List<Message> stored = as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.empty(), 10));
        assertEquals(List.of(second, first), stored);
        assertArrayEquals(metadata, stored.get(1).metadata());
    }

    @Test
    void listsMessagesNewestFirstBeforeACursor() {
        Conversation conversation = create(conversation(user, "long chat", now()));
        for (int i = 1; i <= 6; i++) {
            append(conversation.id(), NewMessage.of(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "m" + i, now()));
        }
        List<Long> newest = as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.empty(), 3)).stream()
                .map(Message::sequence).toList();
        assertEquals(List.of(6L, 5L, 4L), newest);
        List<String> before4 = as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.of(4), 10)).stream()
                .map(Message::content).toList();
        assertEquals(List.of("m3", "m2", "m1"), before4);
        assertTrue(as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.of(1), 10)).isEmpty());
    }

    @Test
    void anOlderMessageNeverMovesActivityBack() {
        Instant at = now();
        Conversation conversation = create(conversation(user, "chat", at));
        append(conversation.id(), NewMessage.of(Role.USER, "late", at.plus(Duration.ofMinutes(5))));
        append(conversation.id(), NewMessage.of(Role.USER, "early", at.plus(Duration.ofMinutes(1))));
        assertEquals(at.plus(Duration.ofMinutes(5)),
                as(tenant, () -> store.find(conversation.id())).orElseThrow().lastActivityAt());
    }

    @Test
    void concurrentAppendsGetEverySequenceExactlyOnce() throws Exception {
        Conversation conversation = create(conversation(user, "busy", now()));
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        append(conversation.id(), NewMessage.of(Role.USER, "x", now()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sequences = as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.empty(), 500))
                .stream().map(Message::sequence).toList();
        assertEquals(LongStream.iterate(threads * perThread, n -> n >= 1, n -> n - 1).boxed().toList(), sequences);
    }

    @Test
    void renameChangesOnlyTheTitle() {
        Conversation conversation = create(conversation(user, "draft", now()));
        assertTrue(as(tenant, () -> store.rename(conversation.id(), "Final title")));
        assertEquals(conversation.withTitle("Final title"), as(tenant, () -> store.find(conversation.id())).orElseThrow());
    }

    @Test
    void deleteRemovesTheConversationWithItsMessages() {
        Conversation conversation = create(conversation(user, "doomed", now()));
        append(conversation.id(), NewMessage.of(Role.USER, "bye", now()));
        assertTrue(as(tenant, () -> store.delete(conversation.id())));
        assertTrue(as(tenant, () -> store.find(conversation.id())).isEmpty());
        assertTrue(as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.empty(), 10)).isEmpty());
        assertTrue(recent(user, Optional.empty(), 50).isEmpty());
        assertFalse(as(tenant, () -> store.delete(conversation.id())));
    }

    @Test
    void tenantsNeverSeeEachOthersConversations() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other);
        assertTenantCannotReach(other, tenant);
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder) {
        UserId sameUser = new UserId("user-" + unique());
        Conversation owned = conversation(sameUser, "private", now());
        runAs(owner, () -> {
            store.create(owned);
            store.appendMessage(owned.id(), NewMessage.of(Role.USER, "secret", now()));
        });
        runAs(intruder, () -> {
            assertTrue(store.find(owned.id()).isEmpty());
            assertTrue(store.listRecent(sameUser, Optional.empty(), 50).isEmpty());
            assertTrue(store.listMessages(owned.id(), OptionalLong.empty(), 50).isEmpty());
            assertTrue(store.appendMessage(owned.id(), NewMessage.of(Role.USER, "intrusion", now())).isEmpty());
            assertFalse(store.rename(owned.id(), "hacked"));
            assertFalse(store.delete(owned.id()));
        });
        runAs(owner, () -> {
            assertEquals("private", store.find(owned.id()).orElseThrow().title());
            List<Message> messages = store.listMessages(owned.id(), OptionalLong.empty(), 50);
            assertEquals(List.of("secret"), messages.stream().map(Message::content).toList());
        });
    }

    @Test
    void aClientMessageIdStoresOneMessageAndAnswersTheFirst() {
        Conversation conversation = create(conversation(user, "retries", now()));
        NewMessage first = new NewMessage(MessageId.random(), Role.USER, "once", NewMessage.EMPTY_OBJECT, now(),
                Optional.of("client-1"));
        NewMessage retry = new NewMessage(MessageId.random(), Role.USER, "once again", NewMessage.EMPTY_OBJECT, now(),
                Optional.of("client-1"));
        Message stored = append(conversation.id(), first);
        Message answered = append(conversation.id(), retry);
        assertEquals(stored, answered);
        assertEquals(first.id(), answered.id());
        assertEquals(Optional.of("client-1"), answered.clientMessageId());
        Message other = append(conversation.id(), new NewMessage(MessageId.random(), Role.USER, "next",
                NewMessage.EMPTY_OBJECT, now(), Optional.of("client-2")));
        assertEquals(2, other.sequence());
        assertEquals(List.of("next", "once"), as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.empty(), 10))
                .stream().map(Message::content).toList());

        // the same client id in another conversation is another message
        Conversation second = create(conversation(user, "elsewhere", now()));
        assertEquals(1, append(second.id(), retry).sequence());
    }

    @Test
    void theContextWindowHoldsTheNewestMessagesOldestFirstWithinBothBudgets() {
        Conversation conversation = create(conversation(user, "context", now()));
        for (String content : List.of("aaaa", "bbb", "cc", "d", "eeeee")) {
            append(conversation.id(), NewMessage.of(Role.USER, content, now()));
        }
        assertEquals(List.of("cc", "d", "eeeee"), window(conversation.id(), 3, 1000));
        assertEquals(List.of("d", "eeeee"), window(conversation.id(), 10, 7));
        assertEquals(List.of("cc", "d", "eeeee"), window(conversation.id(), 10, 8));
        assertEquals(List.of(), window(conversation.id(), 10, 4));
        assertEquals(List.of("aaaa", "bbb", "cc", "d", "eeeee"), window(conversation.id(), 50, 1000));
        assertEquals(List.of(), window(ConversationId.random(), 10, 1000));
    }

    private List<String> window(ConversationId id, int maxMessages, int maxChars) {
        return as(tenant, () -> store.contextWindow(id, maxMessages, maxChars)).stream().map(Message::content).toList();
    }

    @Test
    void searchFindsTheOwnersMessagesByEveryWord() {
        Conversation mine = create(conversation(user, "mine", now()));
        append(mine.id(), NewMessage.of(Role.USER, "The quick brown fox", now()));
        append(mine.id(), NewMessage.of(Role.ASSISTANT, "A lazy dog, not a FOX", now().plusMillis(5)));
        append(mine.id(), NewMessage.of(Role.USER, "nothing here", now().plusMillis(10)));
        UserId neighbour = UserId.random();
        Conversation theirs = create(conversation(neighbour, "theirs", now()));
        append(theirs.id(), NewMessage.of(Role.USER, "another fox", now()));

        assertEquals(List.of("A lazy dog, not a FOX", "The quick brown fox"), searched(user, "fox"));
        assertEquals(List.of("The quick brown fox"), searched(user, "brown FOX"));
        assertEquals(List.of(), searched(user, "elephant"));
        assertEquals(List.of("another fox"), searched(neighbour, "fox"));
        assertEquals(List.of(), searched(UserId.random(), "fox"));
    }

    private List<String> searched(UserId owner, String query) {
        return as(tenant, () -> store.search(owner, query, 20)).stream().map(Message::content).toList();
    }

    @Test
    void deleteAllOfRemovesOnlyThatUsersConversations() {
        Conversation one = create(conversation(user, "one", now()));
        Conversation two = create(conversation(user, "two", now()));
        append(one.id(), NewMessage.of(Role.USER, "gone", now()));
        UserId neighbour = UserId.random();
        Conversation kept = create(conversation(neighbour, "kept", now()));

        assertEquals(Set.of(one.id(), two.id()), new HashSet<>(as(tenant, () -> store.deleteAllOf(user))));
        assertTrue(recent(user, Optional.empty(), 50).isEmpty());
        assertTrue(as(tenant, () -> store.listMessages(one.id(), OptionalLong.empty(), 10)).isEmpty());
        assertEquals(List.of(kept.id()), recent(neighbour, Optional.empty(), 50));
        assertEquals(List.of(), as(tenant, () -> store.deleteAllOf(user)));
    }

    @Test
    void theConversationQuotaCountsTheTenantsConversations() {
        Quota two = new Quota("conversations", 2);
        runAs(tenant, () -> store.create(conversation(user, "a", now()), two));
        runAs(tenant, () -> store.create(conversation(UserId.random(), "b", now()), two));
        assertThrows(QuotaExceededException.class,
                () -> runAs(tenant, () -> store.create(conversation(user, "c", now()), two)));
        assertEquals(1, recent(user, Optional.empty(), 50).size());
        TenantId other = newTenant();
        runAs(other, () -> store.create(conversation(user, "elsewhere", now()), two));
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> store.find(ConversationId.random()));
    }
}
