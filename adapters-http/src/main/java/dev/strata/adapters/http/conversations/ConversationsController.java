package dev.strata.adapters.http.conversations;

import dev.strata.adapters.http.events.ServerSentEvents;
import dev.strata.adapters.http.events.StreamSlotRelease;
import dev.strata.adapters.http.ratelimits.RateLimitHeaders;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.adapters.http.shared.PageResponse;
import dev.strata.application.conversations.ConversationEvents;
import dev.strata.application.conversations.port.Cached;
import dev.strata.application.conversations.port.ContextQuery;
import dev.strata.application.conversations.port.ConversationQuery;
import dev.strata.application.conversations.port.DeleteConversationCommand;
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
import dev.strata.application.events.port.AcquireStreamSlotUseCase;
import dev.strata.application.events.port.StreamEventsQuery;
import dev.strata.application.events.port.StreamEventsUseCase;
import dev.strata.application.ratelimits.port.ConsumeRateLimitCommand;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.conversations.Role;
import dev.strata.domain.events.Event;
import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.reactivestreams.Publisher;

/**
 * HTTP adapter: an end user's conversations ({@code /v1/conversations}, end-user tokens, scope {@code user}).
 * Another user's conversation is a 404; cached reads say {@code X-Cache: HIT|MISS}; posting is rate limited per
 * user by policy {@value RateLimitUseCase#CONVERSATION_MESSAGES}.
 */
@Controller("/v1/conversations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "conversations")
@SecurityRequirement(name = "bearerAuth")
public class ConversationsController {
    private final ManageConversationsUseCase manage;
    private final PostMessageUseCase post;
    private final ReadConversationsUseCase read;
    private final RateLimitUseCase rateLimits;
    private final StreamEventsUseCase streamEvents;
    private final AcquireStreamSlotUseCase streamSlots;
    private final ServerSentEvents sse;
    private final ConversationViews views;

    public ConversationsController(ManageConversationsUseCase manage, PostMessageUseCase post, ReadConversationsUseCase read,
                                   RateLimitUseCase rateLimits, StreamEventsUseCase streamEvents,
                                   AcquireStreamSlotUseCase streamSlots, ServerSentEvents sse, ConversationViews views) {
        this.manage = manage;
        this.post = post;
        this.read = read;
        this.rateLimits = rateLimits;
        this.streamEvents = streamEvents;
        this.streamSlots = streamSlots;
        this.sse = sse;
        this.views = views;
    }

    @Operation(summary = "Start a conversation {title}")
    @Post
    @RequiresScope("user")
    public HttpResponse<ConversationResponse> create(@Body TitleRequest request,
                                                     @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        Conversation conversation = manage.start(new StartConversationCommand(user(principal), request.title()));
        return HttpResponse.status(HttpStatus.CREATED).body(views.conversation(conversation, true));
    }

    @Operation(summary = "The caller's conversations, latest activity first (cached: X-Cache)")
    @Get
    @RequiresScope("user")
    public HttpResponse<PageResponse<ConversationResponse>> list(@QueryValue @Nullable Integer limit,
                                                                 @QueryValue @Nullable String cursor,
                                                                 @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        return recent(read, views, user(principal), limit, cursor);
    }

    static HttpResponse<PageResponse<ConversationResponse>> recent(ReadConversationsUseCase read, ConversationViews views,
                                                                   UserId owner, Integer limit, String cursor) {
        Cached<Page<Conversation>> page = read.recent(new RecentConversationsQuery(owner,
                PageRequest.of(limit == null ? 20 : limit, cursor)));
        return ConversationViews.cached(HttpResponse.ok(new PageResponse<>(page.value().items().stream()
                .map(c -> views.conversation(c, true)).toList(), page.value().nextCursor().orElse(null))), page);
    }

    @Operation(summary = "Full-text search of the caller's messages, newest first")
    @Get("/search")
    @RequiresScope("user")
    public MessagesResponse search(@QueryValue @Nullable String q, @QueryValue @Nullable Integer limit,
                                   @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        List<Message> found = read.search(new SearchMessagesQuery(user(principal), q,
                limit == null ? SearchMessagesQuery.DEFAULT_LIMIT : limit));
        return views.all(found);
    }

    @Operation(summary = "A conversation's details (cached: X-Cache); 404 when it is not the caller's")
    @Get("/{id}")
    @RequiresScope("user")
    public HttpResponse<ConversationResponse> get(@PathVariable String id,
                                                  @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        return details(read, views, requester(principal), id);
    }

    static HttpResponse<ConversationResponse> details(ReadConversationsUseCase read, ConversationViews views,
                                                      Requester requester, String id) {
        Cached<Conversation> details = read.details(new ConversationQuery(requester, ConversationViews.id(id)));
        return ConversationViews.cached(HttpResponse.ok(views.conversation(details.value(), false)), details);
    }

    @Operation(summary = "Rename a conversation {title}")
    @Patch("/{id}")
    @RequiresScope("user")
    public ConversationResponse rename(@PathVariable String id, @Body TitleRequest request,
                                       @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        return views.conversation(manage.rename(new RenameConversationCommand(requester(principal), ConversationViews.id(id),
                request.title())), true);
    }

    @Operation(summary = "Delete a conversation with its messages")
    @Delete("/{id}")
    @RequiresScope("user")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id, @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        manage.delete(new DeleteConversationCommand(requester(principal), ConversationViews.id(id)));
    }

    @Operation(summary = "Post a message {role, content, metadata?, clientMessageId?}: 201, or 200 with the first "
            + "message when the clientMessageId was used before (rate limited per user)")
    @Post("/{id}/messages")
    @RequiresScope("user")
    public HttpResponse<?> postMessage(HttpRequest<?> request, @PathVariable String id, @Body PostMessageRequest body,
                                       @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        ConversationId conversation = ConversationViews.id(id);
        PostMessageCommand command = new PostMessageCommand(requester(principal), conversation,
                body.role() == null ? null : Role.fromWire("role", body.role()), body.content(),
                views.metadata(body.metadata()), Optional.ofNullable(body.clientMessageId()));
        RateDecision decision = rateLimits.consume(new ConsumeRateLimitCommand(RateLimitUseCase.CONVERSATION_MESSAGES,
                "user:" + principal.subject(), 1));
        if (!decision.allowed()) {
            return RateLimitHeaders.tooMany(request, decision);
        }
        PostedMessage posted = post.post(command);
        return RateLimitHeaders.apply(HttpResponse.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(views.message(posted.message())), decision);
    }

    @Operation(summary = "Messages newest first, before sequence `before` (first page cached: X-Cache)")
    @Get("/{id}/messages")
    @RequiresScope("user")
    public HttpResponse<MessagesResponse> messages(@PathVariable String id, @QueryValue @Nullable Long before,
                                                   @QueryValue @Nullable Integer limit,
                                                   @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        return messages(read, views, requester(principal), id, before, limit);
    }

    static HttpResponse<MessagesResponse> messages(ReadConversationsUseCase read, ConversationViews views,
                                                   Requester requester, String id, Long before, Integer limit) {
        int size = limit == null ? MessagesQuery.DEFAULT_LIMIT : limit;
        Cached<List<Message>> page = read.messages(new MessagesQuery(requester, ConversationViews.id(id),
                before == null ? OptionalLong.empty() : OptionalLong.of(before), size));
        return ConversationViews.cached(HttpResponse.ok(views.page(page.value(), size)), page);
    }

    @Operation(summary = "The newest messages, oldest first, within maxMessages and maxChars (cached: X-Cache)")
    @Get("/{id}/context")
    @RequiresScope("user")
    public HttpResponse<MessagesResponse> context(@PathVariable String id, @QueryValue @Nullable Integer maxMessages,
                                                  @QueryValue @Nullable Integer maxChars,
                                                  @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        Cached<List<Message>> window = read.context(new ContextQuery(requester(principal), ConversationViews.id(id),
                maxMessages == null ? ContextQuery.DEFAULT_MAX_MESSAGES : maxMessages,
                maxChars == null ? ContextQuery.DEFAULT_MAX_CHARS : maxChars));
        return ConversationViews.cached(HttpResponse.ok(views.all(window.value())), window);
    }

    @Operation(summary = "Server-Sent Events of the conversation's changes and new messages (CloudEvents; id is the "
            + "sequence of the tenant's conversations topic, Last-Event-ID resumes)")
    @Get(value = "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Produces(MediaType.TEXT_EVENT_STREAM)
    @RequiresScope("user")
    public Publisher<io.micronaut.http.sse.Event<String>> stream(@PathVariable String id,
                                                                 @Header("Last-Event-ID") @Nullable String lastEventId,
                                                                 @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        ConversationId conversation = ConversationViews.id(id);
        // 404 unless it is the caller's
        read.details(new ConversationQuery(requester(principal), conversation));
        Optional<Long> from = Optional.ofNullable(lastEventId).map(String::strip).filter(s -> !s.isEmpty())
                .map(ConversationsController::sequence);
        String subject = conversation.toString();
        StreamEventsUseCase onlyThisConversation = (query, sink) -> streamEvents.open(query, new StreamEventsUseCase.Sink() {
            @Override
            public boolean send(Event event) {
                return !event.subject().map(subject::equals).orElse(false) || sink.send(event);
            }

            @Override
            public boolean heartbeat() {
                return sink.heartbeat();
            }

            @Override
            public void end() {
                sink.end();
            }
        });
        AcquireStreamSlotUseCase.StreamSlot slot = streamSlots.acquire();
        try {
            return StreamSlotRelease.releasing(sse.open(onlyThisConversation,
                    new StreamEventsQuery(ConversationEvents.TOPIC, from), views::cloudEvent, principal), slot);
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    private static long sequence(String text) {
        if (text.length() > 19 || text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException("Last-Event-ID", "Last-Event-ID must be the sequence of an event (an integer >= 0)");
        }
        return Long.parseLong(text);
    }

    private static UserId user(AccessPrincipal principal) {
        return new UserId(principal.subject());
    }

    private static Requester requester(AccessPrincipal principal) {
        return Requester.user(user(principal));
    }
}
