package dev.strata.application.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.cache.CacheService;
import dev.strata.application.cache.CacheTuning;
import dev.strata.application.conversations.port.ContextQuery;
import dev.strata.application.conversations.port.ConversationQuery;
import dev.strata.application.conversations.port.DeleteConversationCommand;
import dev.strata.application.conversations.port.DeleteUserConversationsCommand;
import dev.strata.application.conversations.port.MessagesQuery;
import dev.strata.application.conversations.port.PostMessageCommand;
import dev.strata.application.conversations.port.PostedMessage;
import dev.strata.application.conversations.port.RecentConversationsQuery;
import dev.strata.application.conversations.port.RenameConversationCommand;
import dev.strata.application.conversations.port.Requester;
import dev.strata.application.conversations.port.SearchMessagesQuery;
import dev.strata.application.conversations.port.StartConversationCommand;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.cache.InMemoryCacheLeases;
import dev.strata.domain.cache.InMemoryCacheStore;
import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.cache.InMemoryLocalCacheTier;
import dev.strata.domain.cache.InMemorySharedCacheTier;
import dev.strata.domain.cache.port.CacheMetrics;
import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.InMemoryConversationStore;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.conversations.NewMessage;
import dev.strata.domain.conversations.Role;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.InMemoryEventLog;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;
import dev.strata.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversations use cases on fakes, as two instances A and B sharing the store, the event log and the cache
 * engine's shared tier, leases and invalidation channel; background warming runs at once (a direct executor).
 */
class ConversationServiceTest {
    private static final UnitOfWork DIRECT = new UnitOfWork() {
        @Override
        public <T> T execute(Supplier<T> work) {
            return work.get();
        }
    };

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final InMemoryEventLog events = new InMemoryEventLog();
    private final InMemoryCacheLeases leases = new InMemoryCacheLeases();
    private static final java.util.concurrent.atomic.AtomicLong TICKS = new java.util.concurrent.atomic.AtomicLong();
    private static final Clock TICKING = () -> Instant.now().plusMillis(TICKS.incrementAndGet());
    private final InMemorySharedCacheTier l2 = new InMemorySharedCacheTier(Clock.system(), leases);
    private final InMemoryInvalidationBus.Channel channel = new InMemoryInvalidationBus.Channel();
    private final ConversationPolicy policy = new ConversationPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofMinutes(15), 100, new Quota("conversations", 5));
    private final List<CacheService> engines = new ArrayList<>();
    private ConversationService a;
    private ConversationService b;
    private final TenantId tenant = TenantId.random();
    private final UserId alice = UserId.random();
    private final Requester asAlice = Requester.user(alice);

    @BeforeEach
    void start() {
        a = instance();
        b = instance();
        TenantContext.swap(tenant);
    }

    @AfterEach
    void stop() {
        TenantContext.swap(null);
        engines.forEach(CacheService::close);
    }

    private ConversationService instance() {
        return instance(policy);
    }

    private ConversationService instance(ConversationPolicy policy) {
        CacheService engine = new CacheService(new InMemoryLocalCacheTier(), l2, new InMemoryCacheStore(), leases, leases,
                new InMemoryInvalidationBus(channel), new ConversationNamespaceSettings(policy), CacheMetrics.none(),
                Clock.system(), CacheTuning.defaults()).start();
        engines.add(engine);
        // a clock that moves on at every reading: two changes never share an instant, so "most recent" is never a tie
        return new ConversationService(store, events, DIRECT, engine, engine, engine, policy, Runnable::run, TICKING);
    }

    private PostedMessage post(ConversationService on, ConversationId id, String content) {
        return on.post(new PostMessageCommand(asAlice, id, Role.USER, content, null, Optional.empty()));
    }

    private List<String> firstPage(ConversationService on, ConversationId id) {
        return on.messages(new MessagesQuery(asAlice, id, OptionalLong.empty(), 50)).value().stream()
                .map(Message::content).toList();
    }

    private List<String> eventTypes() {
        return events.readAfter(ConversationEvents.TOPIC, 0, 1000).stream().map(Event::type).toList();
    }

    @Test
    void aMessagePostedOnOneInstanceIsListedOnTheOtherEveryTime() {
        ConversationId id = a.start(new StartConversationCommand(alice, "chat")).id();
        firstPage(b, id);
        for (int i = 0; i < 20; i++) {
            post(a, id, "m" + i);
            assertEquals("m" + i, firstPage(b, id).get(0));
        }
    }

    @Test
    void aRepeatedListIsServedFromTheCacheAndFreshAfterAChange() {
        ConversationId id = a.start(new StartConversationCommand(alice, "chat")).id();
        post(a, id, "first");
        MessagesQuery query = new MessagesQuery(asAlice, id, OptionalLong.empty(), 50);
        b.messages(query);
        assertTrue(b.messages(query).hit());
        post(b, id, "second");
        // dropped before the post returned, refilled in the background by the writer
        assertEquals(List.of("second", "first"), a.messages(query).value().stream().map(Message::content).toList());

        RecentConversationsQuery recent = new RecentConversationsQuery(alice, PageRequest.of(20, null));
        b.recent(recent);
        assertTrue(a.recent(recent).hit());
        ConversationId other = a.start(new StartConversationCommand(alice, "newer")).id();
        assertEquals(other, b.recent(recent).value().items().get(0).id());
    }

    @Test
    void renameAndDeleteDropWhatTheyTouch() {
        Conversation conversation = a.start(new StartConversationCommand(alice, "draft"));
        post(a, conversation.id(), "hello");
        ConversationQuery details = new ConversationQuery(asAlice, conversation.id());
        b.details(details);
        assertTrue(b.details(details).hit());
        a.rename(new RenameConversationCommand(asAlice, conversation.id(), "final"));
        assertEquals("final", b.details(details).value().title());
        assertEquals("final", b.recent(new RecentConversationsQuery(alice, PageRequest.of(20, null))).value().items().get(0).title());

        firstPage(b, conversation.id());
        a.delete(new DeleteConversationCommand(asAlice, conversation.id()));
        assertThrows(NotFoundException.class, () -> b.details(details));
        assertThrows(NotFoundException.class, () -> firstPage(b, conversation.id()));
        assertTrue(b.recent(new RecentConversationsQuery(alice, PageRequest.of(20, null))).value().items().isEmpty());
        assertEquals(List.of(ConversationEvents.CREATED, ConversationEvents.MESSAGE_CREATED, ConversationEvents.UPDATED,
                ConversationEvents.DELETED), eventTypes());
    }

    @Test
    void anotherUsersConversationIsNotFoundButAnAdministratorReachesIt() {
        ConversationId id = a.start(new StartConversationCommand(alice, "private")).id();
        post(a, id, "secret");
        Requester mallory = Requester.user(UserId.random());
        assertThrows(NotFoundException.class, () -> b.details(new ConversationQuery(mallory, id)));
        assertThrows(NotFoundException.class, () -> b.messages(new MessagesQuery(mallory, id, OptionalLong.empty(), 10)));
        assertThrows(NotFoundException.class,
                () -> b.post(new PostMessageCommand(mallory, id, Role.USER, "x", null, Optional.empty())));
        assertThrows(NotFoundException.class, () -> b.rename(new RenameConversationCommand(mallory, id, "x")));
        assertThrows(NotFoundException.class, () -> b.delete(new DeleteConversationCommand(mallory, id)));
        assertEquals(List.of("secret"), b.messages(new MessagesQuery(Requester.admin(), id, OptionalLong.empty(), 10))
                .value().stream().map(Message::content).toList());
        assertEquals(1, b.deleteAllOf(new DeleteUserConversationsCommand(alice)));
        assertThrows(NotFoundException.class, () -> a.details(new ConversationQuery(asAlice, id)));
    }

    @Test
    void aRetriedPostStoresOneMessageAndEmitsOneEvent() {
        ConversationId id = a.start(new StartConversationCommand(alice, "chat")).id();
        PostMessageCommand command = new PostMessageCommand(asAlice, id, Role.USER, "once",
                "{\"k\":1}".getBytes(StandardCharsets.UTF_8), Optional.of("c-1"));
        PostedMessage first = a.post(command);
        PostedMessage retry = b.post(command);
        assertTrue(first.created());
        assertFalse(retry.created());
        assertEquals(first.message(), retry.message());
        assertEquals(List.of("once"), firstPage(b, id));
        assertEquals(List.of(ConversationEvents.CREATED, ConversationEvents.MESSAGE_CREATED), eventTypes());
        String data = new String(events.readAfter(ConversationEvents.TOPIC, 1, 1).get(0).data(), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"metadata\":{\"k\":1}") && data.contains("\"clientMessageId\":\"c-1\""), data);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        ConversationId id = a.start(new StartConversationCommand(alice, "chat")).id();
        assertEquals("content", assertThrows(InvalidInputException.class, () -> post(a, id, "x".repeat(101))).field());
        assertEquals("content", assertThrows(InvalidInputException.class, () -> post(a, id, " ")).field());
        assertEquals("role", assertThrows(InvalidInputException.class,
                () -> new PostMessageCommand(asAlice, id, null, "x", null, Optional.empty())).field());
        assertEquals("cursor", assertThrows(InvalidInputException.class,
                () -> a.recent(new RecentConversationsQuery(alice, PageRequest.of(10, "bm9wZQ")))).field());
        assertEquals("maxChars", assertThrows(InvalidInputException.class,
                () -> new ContextQuery(asAlice, id, 10, 0)).field());
    }

    @Test
    void theContextWindowFromTheCacheMatchesTheStore() {
        ConversationId id = a.start(new StartConversationCommand(alice, "chat")).id();
        for (String content : List.of("aaaa", "bbb", "cc", "d", "eeeee")) {
            post(a, id, content);
        }
        for (int[] budget : new int[][] {{3, 1000}, {10, 7}, {10, 8}, {10, 4}, {50, 1000}}) {
            ContextQuery query = new ContextQuery(asAlice, id, budget[0], budget[1]);
            List<Message> expected = store.contextWindow(id, budget[0], budget[1]);
            assertEquals(expected, b.context(query).value());
            assertTrue(b.context(query).hit());
        }
    }

    @Test
    void recentConversationsPageWithACursorAndTheQuotaHolds() {
        List<ConversationId> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            started.add(0, a.start(new StartConversationCommand(alice, "c" + i)).id());
            post(a, started.get(0), "bump " + i);
        }
        assertThrows(QuotaExceededException.class, () -> a.start(new StartConversationCommand(alice, "one too many")));
        var first = b.recent(new RecentConversationsQuery(alice, PageRequest.of(3, null))).value();
        var second = b.recent(new RecentConversationsQuery(alice, PageRequest.of(3, first.nextCursor().orElseThrow()))).value();
        List<ConversationId> paged = new ArrayList<>();
        first.items().forEach(c -> paged.add(c.id()));
        second.items().forEach(c -> paged.add(c.id()));
        assertEquals(started, paged);
        assertTrue(second.nextCursor().isEmpty());
    }

    @Test
    void warmingLoadsTheRecentListAndTheLatestFirstPage() {
        // written straight to the store: nothing of it is cached yet
        Conversation conversation = Conversation.start(ConversationId.random(), alice, "chat", Instant.now());
        store.create(conversation);
        store.appendMessage(conversation.id(), NewMessage.of(Role.USER, "hello", Instant.now()));
        MessagesQuery page = new MessagesQuery(asAlice, conversation.id(), OptionalLong.empty(), 10);
        b.warm(alice);
        assertTrue(a.recent(new RecentConversationsQuery(alice, PageRequest.of(20, null))).hit());
        a.details(new ConversationQuery(asAlice, conversation.id()));
        assertTrue(a.messages(page).hit());
        assertEquals(List.of("hello"), a.messages(page).value().stream().map(Message::content).toList());
    }

    @Test
    void withTheCacheDisabledEveryReadComesFromTheStoreAndIsFreshWhileCachingInstancesAreStillDropped() {
        ConversationPolicy off = new ConversationPolicy(policy.recentTtl(), policy.detailsTtl(), policy.firstPageTtl(),
                policy.maxContentChars(), policy.conversationsQuota(), false);
        ConversationService uncached = instance(off);
        ConversationId id = a.start(new StartConversationCommand(alice, "chat")).id();
        post(a, id, "first");
        MessagesQuery query = new MessagesQuery(asAlice, id, OptionalLong.empty(), 50);
        RecentConversationsQuery recent = new RecentConversationsQuery(alice, PageRequest.of(20, null));
        for (int i = 0; i < 3; i++) {
            assertFalse(uncached.messages(query).hit(), "never from the cache");
            assertFalse(uncached.recent(recent).hit());
            assertFalse(uncached.details(new ConversationQuery(asAlice, id)).hit());
        }
        uncached.warm(alice);
        assertFalse(uncached.messages(query).hit(), "warming keeps nothing either");

        a.messages(query);
        assertTrue(a.messages(query).hit(), "the caching instance caches");
        post(uncached, id, "second");
        assertEquals(List.of("second", "first"), a.messages(query).value().stream().map(Message::content).toList(),
                "a post on the uncached instance still drops the caching one's page");
        assertEquals(List.of("second", "first"), uncached.messages(query).value().stream().map(Message::content).toList());
    }

    @Test
    void searchFindsOnlyTheUsersOwnMessages() {
        ConversationId id = a.start(new StartConversationCommand(alice, "chat")).id();
        post(a, id, "the blue whale");
        assertEquals(1, b.search(new SearchMessagesQuery(alice, "whale", 10)).size());
        assertTrue(b.search(new SearchMessagesQuery(UserId.random(), "whale", 10)).isEmpty());
    }
}
