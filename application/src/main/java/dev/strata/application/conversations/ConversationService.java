package dev.strata.application.conversations;

import dev.strata.application.cache.port.GetCacheEntryUseCase;
import dev.strata.application.cache.port.InvalidateCacheUseCase;
import dev.strata.application.cache.port.PutCacheEntryUseCase;
import dev.strata.application.conversations.port.Cached;
import dev.strata.application.conversations.port.ContextQuery;
import dev.strata.application.conversations.port.ConversationQuery;
import dev.strata.application.conversations.port.DeleteConversationCommand;
import dev.strata.application.conversations.port.DeleteUserConversationsCommand;
import dev.strata.application.conversations.port.ManageConversationsUseCase;
import dev.strata.application.conversations.port.MessagesQuery;
import dev.strata.application.conversations.port.PostMessageCommand;
import dev.strata.application.conversations.port.PostMessageUseCase;
import dev.strata.application.conversations.port.PostedMessage;
import dev.strata.application.conversations.port.ReadConversationsUseCase;
import dev.strata.application.conversations.port.RecentConversationsQuery;
import dev.strata.application.conversations.port.RenameConversationCommand;
import dev.strata.application.conversations.port.Requester;
import dev.strata.application.conversations.port.SearchMessagesQuery;
import dev.strata.application.conversations.port.StartConversationCommand;
import dev.strata.application.conversations.port.WarmConversationsUseCase;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationCursor;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.conversations.MessageId;
import dev.strata.domain.conversations.NewMessage;
import dev.strata.domain.conversations.port.ConversationStore;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Service implementing the conversations use cases. Postgres is the truth: a change runs in one unit of work
 * with its event, then drops exactly the cached views it touched (new message: first page and recent list;
 * rename: details and recent list; delete: all three) before it returns, then refills the dropped first page
 * and recent list in the background on this instance. Reads go through the cache with leases (see
 * {@link ConversationCache}); Redis down, they read Postgres.
 */
public final class ConversationService implements ManageConversationsUseCase, PostMessageUseCase,
        ReadConversationsUseCase, WarmConversationsUseCase {
    private static final System.Logger LOG = System.getLogger(ConversationService.class.getName());
    /** How many of a user's conversations the cached recent list holds (the longest first page). */
    static final int RECENT_WINDOW = RecentConversationsQuery.MAX_LIMIT;
    /** How many newest messages a cached first page holds (the longest page; context windows up to it). */
    static final int PAGE_WINDOW = MessagesQuery.MAX_LIMIT;

    private final ConversationStore store;
    private final EventLog events;
    private final UnitOfWork unitOfWork;
    private final ConversationCache cache;
    private final ConversationPolicy policy;
    private final Executor background;
    private final Clock clock;
    private final Runnable eventsCommitted;

    public ConversationService(ConversationStore store, EventLog events, UnitOfWork unitOfWork,
                               GetCacheEntryUseCase cacheGet, PutCacheEntryUseCase cachePut,
                               InvalidateCacheUseCase cacheInvalidate, ConversationPolicy policy, Executor background,
                               Clock clock) {
        this(store, events, unitOfWork, cacheGet, cachePut, cacheInvalidate, policy, background, clock, () -> {
        });
    }

    /**
     * @param eventsCommitted called after a change's events are committed (wakes this instance's relay, so that
     *                        live streams see them without waiting for its next round)
     */
    public ConversationService(ConversationStore store, EventLog events, UnitOfWork unitOfWork,
                               GetCacheEntryUseCase cacheGet, PutCacheEntryUseCase cachePut,
                               InvalidateCacheUseCase cacheInvalidate, ConversationPolicy policy, Executor background,
                               Clock clock, Runnable eventsCommitted) {
        this.eventsCommitted = eventsCommitted;
        this.store = store;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.cache = new ConversationCache(cacheGet, cachePut, cacheInvalidate, policy.cacheEnabled());
        this.policy = policy;
        this.background = background;
        this.clock = clock;
    }

    // ---- changes

    @Override
    public Conversation start(StartConversationCommand command) {
        Conversation conversation = Conversation.start(ConversationId.random(), command.owner(), command.title(), now());
        unitOfWork.run(() -> {
            store.create(conversation, policy.conversationsQuota());
            append(ConversationEvents.created(conversation));
        });
        eventsCommitted.run();
        cache.drop(ConversationCache.RECENT, Set.of(conversation.owner().value()));
        rewarm(conversation.owner(), Optional.empty());
        return conversation;
    }

    @Override
    public Conversation rename(RenameConversationCommand command) {
        Conversation renamed = unitOfWork.execute(() -> {
            Conversation current = reachable(command.requester(), command.id());
            if (!store.rename(current.id(), command.title())) {
                throw notFound(command.id());
            }
            Conversation changed = current.withTitle(command.title());
            append(ConversationEvents.renamed(changed, now()));
            return changed;
        });
        eventsCommitted.run();
        cache.drop(ConversationCache.DETAILS, Set.of(renamed.id().toString()));
        cache.drop(ConversationCache.RECENT, Set.of(renamed.owner().value()));
        rewarm(renamed.owner(), Optional.empty());
        return renamed;
    }

    @Override
    public void delete(DeleteConversationCommand command) {
        Conversation deleted = unitOfWork.execute(() -> {
            Conversation current = reachable(command.requester(), command.id());
            if (!store.delete(current.id())) {
                throw notFound(command.id());
            }
            append(ConversationEvents.deleted(current.id(), current.owner(), now()));
            return current;
        });
        eventsCommitted.run();
        dropConversation(deleted.id());
        cache.drop(ConversationCache.RECENT, Set.of(deleted.owner().value()));
        rewarm(deleted.owner(), Optional.empty());
    }

    @Override
    public int deleteAllOf(DeleteUserConversationsCommand command) {
        List<ConversationId> deleted = unitOfWork.execute(() -> {
            List<ConversationId> ids = store.deleteAllOf(command.owner());
            Instant now = now();
            if (!ids.isEmpty()) {
                events.appendOnCommit(ConversationEvents.TOPIC, ids.stream()
                        .map(id -> new EventLog.Pending(ConversationEvents.deleted(id, command.owner(), now), Optional.empty()))
                        .toList());
            }
            return ids;
        });
        eventsCommitted.run();
        deleted.forEach(this::dropConversation);
        cache.drop(ConversationCache.RECENT, Set.of(command.owner().value()));
        return deleted.size();
    }

    @Override
    public PostedMessage post(PostMessageCommand command) {
        if (command.content().length() > policy.maxContentChars()) {
            throw new InvalidInputException("content", "content must be at most " + policy.maxContentChars() + " characters");
        }
        NewMessage draft = new NewMessage(MessageId.random(), command.role(), command.content(), command.metadata(), now(),
                command.clientMessageId());
        record Appended(Conversation conversation, Message message) {
        }
        Appended appended = unitOfWork.execute(() -> {
            Conversation conversation = reachable(command.requester(), command.id());
            Message message = store.appendMessage(conversation.id(), draft).orElseThrow(() -> notFound(command.id()));
            if (message.id().equals(draft.id())) {
                append(ConversationEvents.messageCreated(message, conversation.owner()));
            }
            return new Appended(conversation, message);
        });
        boolean created = appended.message().id().equals(draft.id());
        if (created) {
            eventsCommitted.run();
            cache.drop(ConversationCache.FIRST_PAGES, Set.of(appended.conversation().id().toString()));
            cache.drop(ConversationCache.RECENT, Set.of(appended.conversation().owner().value()));
            rewarm(appended.conversation().owner(), Optional.of(appended.conversation().id()));
        }
        return new PostedMessage(appended.message(), created);
    }

    // ---- reads

    @Override
    public Cached<Page<Conversation>> recent(RecentConversationsQuery query) {
        PageRequest page = query.page();
        Optional<ConversationCursor> after = page.position().map(ConversationService::cursor);
        if (after.isPresent()) {
            List<Conversation> items = store.listRecent(query.owner(), after, page.limit());
            return new Cached<>(recentPage(items, page.limit()), false);
        }
        Cached<List<Conversation>> window = recentWindow(query.owner());
        List<Conversation> items = window.value().subList(0, Math.min(page.limit(), window.value().size()));
        return new Cached<>(recentPage(items, page.limit()), window.hit());
    }

    private Cached<List<Conversation>> recentWindow(UserId owner) {
        return cache.read(ConversationCache.RECENT, owner.value(), policy.recentTtl(),
                () -> Optional.of(store.listRecent(owner, Optional.empty(), RECENT_WINDOW)),
                CachedForm::conversations, CachedForm::conversations).orElseThrow();
    }

    private static Page<Conversation> recentPage(List<Conversation> items, int limit) {
        Optional<String> next = items.size() == limit
                ? Optional.of(PageRequest.encode(position(items.get(items.size() - 1))))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private static String position(Conversation conversation) {
        return conversation.lastActivityAt() + "|" + conversation.id();
    }

    private static ConversationCursor cursor(String position) {
        int bar = position.indexOf('|');
        try {
            return new ConversationCursor(Instant.parse(position.substring(0, bar)),
                    new ConversationId(UUID.fromString(position.substring(bar + 1))));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "cursor is not valid");
        }
    }

    @Override
    public Cached<Conversation> details(ConversationQuery query) {
        Cached<Conversation> details = detailsOf(query.id()).orElseThrow(() -> notFound(query.id()));
        if (!query.requester().reaches(details.value())) {
            throw notFound(query.id());
        }
        return details;
    }

    private Optional<Cached<Conversation>> detailsOf(ConversationId id) {
        return cache.read(ConversationCache.DETAILS, id.toString(), policy.detailsTtl(), () -> store.find(id),
                conversation -> CachedForm.conversations(List.of(conversation)),
                bytes -> single(CachedForm.conversations(bytes)));
    }

    private static Conversation single(List<Conversation> conversations) {
        if (conversations.size() != 1) {
            throw new IllegalArgumentException("one conversation expected");
        }
        return conversations.get(0);
    }

    @Override
    public Cached<List<Message>> messages(MessagesQuery query) {
        Cached<Conversation> owner = details(new ConversationQuery(query.requester(), query.id()));
        if (query.before().isPresent()) {
            return new Cached<>(store.listMessages(query.id(), query.before(), query.limit()), false);
        }
        Cached<List<Message>> window = firstPage(query.id());
        List<Message> page = window.value().subList(0, Math.min(query.limit(), window.value().size()));
        return new Cached<>(List.copyOf(page), window.hit() && owner.hit());
    }

    private Cached<List<Message>> firstPage(ConversationId id) {
        return cache.read(ConversationCache.FIRST_PAGES, id.toString(), policy.firstPageTtl(),
                () -> Optional.of(store.listMessages(id, OptionalLong.empty(), PAGE_WINDOW)),
                CachedForm::messages, CachedForm::messages).orElseThrow();
    }

    @Override
    public Cached<List<Message>> context(ContextQuery query) {
        Cached<Conversation> owner = details(new ConversationQuery(query.requester(), query.id()));
        if (query.maxMessages() > PAGE_WINDOW) {
            return new Cached<>(store.contextWindow(query.id(), query.maxMessages(), query.maxChars()), false);
        }
        Cached<List<Message>> newestFirst = firstPage(query.id());
        List<Message> window = new ArrayList<>();
        long chars = 0;
        for (Message message : newestFirst.value()) {
            if (window.size() == query.maxMessages()) {
                break;
            }
            chars += message.content().length();
            if (chars > query.maxChars()) {
                break;
            }
            window.add(message);
        }
        Collections.reverse(window);
        return new Cached<>(List.copyOf(window), newestFirst.hit() && owner.hit());
    }

    @Override
    public List<Message> search(SearchMessagesQuery query) {
        return store.search(query.owner(), query.text(), query.limit());
    }

    // ---- warming

    @Override
    public void warm(UserId user) {
        TenantId tenant = TenantContext.require();
        submit(tenant, () -> {
            List<Conversation> recent = recentWindow(user).value();
            if (!recent.isEmpty()) {
                firstPage(recent.get(0).id());
            }
        });
    }

    /** Refills the recent list (and a first page) just dropped, in the background on this instance. */
    private void rewarm(UserId owner, Optional<ConversationId> firstPageOf) {
        TenantId tenant = TenantContext.require();
        submit(tenant, () -> {
            recentWindow(owner);
            firstPageOf.ifPresent(this::firstPage);
        });
    }

    private void submit(TenantId tenant, Runnable work) {
        if (!cache.enabled()) {
            // nothing would be kept: warming would only read Postgres
            return;
        }
        try {
            background.execute(() -> {
                try {
                    TenantContext.runAs(tenant, work);
                } catch (RuntimeException e) {
                    // warming is an optimisation: the next read loads what is missing
                    LOG.log(System.Logger.Level.DEBUG, "conversation cache warming failed: {0}", e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            // saturated or shutting down: skip the warming
        }
    }

    // ---- helpers

    private void dropConversation(ConversationId id) {
        cache.drop(ConversationCache.DETAILS, Set.of(id.toString()));
        cache.drop(ConversationCache.FIRST_PAGES, Set.of(id.toString()));
    }

    /** The conversation from Postgres (inside the caller's unit of work), if the requester reaches it. */
    private Conversation reachable(Requester requester, ConversationId id) {
        Conversation conversation = store.find(id).orElseThrow(() -> notFound(id));
        if (!requester.reaches(conversation)) {
            throw notFound(id);
        }
        return conversation;
    }

    private void append(NewEvent event) {
        events.appendOnCommit(ConversationEvents.TOPIC, event, Optional.empty());
    }

    private static NotFoundException notFound(ConversationId id) {
        return new NotFoundException("conversations.not_found", "conversation " + id + " not found");
    }

    private Instant now() {
        return clock.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
