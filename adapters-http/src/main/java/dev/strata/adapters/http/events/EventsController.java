package dev.strata.adapters.http.events;

import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.events.port.AckEventsCommand;
import dev.strata.application.events.port.AckEventsUseCase;
import dev.strata.application.events.port.AcquireStreamSlotUseCase;
import dev.strata.application.events.port.DefineGroupCommand;
import dev.strata.application.events.port.DefineGroupUseCase;
import dev.strata.application.events.port.DefineGroupUseCase.DefinedGroup;
import dev.strata.application.events.port.DescribeGroupUseCase;
import dev.strata.application.events.port.DescribeGroupUseCase.GroupStats;
import dev.strata.application.events.port.GroupQuery;
import dev.strata.application.events.port.ListDeadLettersQuery;
import dev.strata.application.events.port.ListDeadLettersUseCase;
import dev.strata.application.events.port.PublishEventCommand;
import dev.strata.application.events.port.PublishEventUseCase;
import dev.strata.application.events.port.ReadEventsQuery;
import dev.strata.application.events.port.ReadEventsUseCase;
import dev.strata.application.events.port.ReadGroupCommand;
import dev.strata.application.events.port.ReadGroupUseCase;
import dev.strata.application.events.port.ReplayDeadLetterCommand;
import dev.strata.application.events.port.ReplayDeadLetterUseCase;
import dev.strata.application.events.port.StreamEventsQuery;
import dev.strata.application.events.port.StreamEventsUseCase;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.ConsumerGroup;
import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.DeadLetter;
import dev.strata.domain.events.Delivery;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.StartAt;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/** HTTP adapter: topics of the caller's tenant ({@code /v1/topics}) — publish, history, SSE, consumer groups. */
@Controller("/v1/topics/{topic}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "events")
@SecurityRequirement(name = "bearerAuth")
public class EventsController {
    /** Topics other areas publish to that only {@code admin} may read or write (conversations: its users' chats). */
    static final Set<String> ADMIN_TOPICS = Set.of("auth-notifications", "conversations", "ops.alerts");
    /**
     * Topics Strata's own areas write (in the transaction of the change they report): nobody publishes to them over
     * HTTP, not even {@code admin}, so that a consumer can trust that a {@code secret.rotated} or {@code job.completed}
     * there happened. Reading them follows the usual rules.
     */
    static final Set<String> STRATA_TOPICS = Set.of("auth-notifications", "conversations", "secrets", "ops.alerts");
    static final String STRATA_TOPIC_PREFIX = "jobs.";

    private final PublishEventUseCase publish;
    private final ReadEventsUseCase readEvents;
    private final StreamEventsUseCase streamEvents;
    private final DefineGroupUseCase defineGroup;
    private final ReadGroupUseCase readGroup;
    private final AckEventsUseCase ack;
    private final DescribeGroupUseCase describeGroup;
    private final ListDeadLettersUseCase listDeadLetters;
    private final ReplayDeadLetterUseCase replay;
    private final JsonMapper json;
    private final ServerSentEvents sse;
    private final AcquireStreamSlotUseCase streamSlots;

    public EventsController(PublishEventUseCase publish, ReadEventsUseCase readEvents, StreamEventsUseCase streamEvents,
                            DefineGroupUseCase defineGroup, ReadGroupUseCase readGroup, AckEventsUseCase ack,
                            DescribeGroupUseCase describeGroup, ListDeadLettersUseCase listDeadLetters,
                            ReplayDeadLetterUseCase replay, JsonMapper json, ServerSentEvents sse,
                            AcquireStreamSlotUseCase streamSlots) {
        this.streamSlots = streamSlots;
        this.publish = publish;
        this.readEvents = readEvents;
        this.streamEvents = streamEvents;
        this.defineGroup = defineGroup;
        this.readGroup = readGroup;
        this.ack = ack;
        this.describeGroup = describeGroup;
        this.listDeadLetters = listDeadLetters;
        this.replay = replay;
        this.json = json;
        this.sse = sse;
    }

    @Operation(summary = "Publish an event; durable in Postgres before 201 (Idempotency-Key honoured for 24 h)")
    @Post("/events")
    @RequiresScope("events:publish")
    public CompletableFuture<HttpResponse<PublishedEventResponse>> publish(@PathVariable String topic,
                                                                          @Body @Valid PublishEventRequest request,
                                                        @Header("Idempotency-Key") @Nullable String idempotencyKey,
                                                        @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        PublishEventCommand command = publishCommand(topic, request, idempotencyKey, principal, json);
        // the answer is written when the append holding the event commits: no request thread waits for its topic
        return publish.publishAsync(command)
                .thenApply(result -> HttpResponse.<PublishedEventResponse>status(publishedStatus(result))
                        .body(PublishedEventResponse.of(result)));
    }

    /**
     * The command of a publish of {@code request} to {@code topic} by {@code principal}, or the refusal
     * Micronaut's error handling answers: a topic that is no name, a restricted topic the principal may not see
     * (404), one Strata writes itself (400). The publish fast path asks the same.
     */
    static PublishEventCommand publishCommand(String topic, PublishEventRequest request, @Nullable String idempotencyKey,
                                              AccessPrincipal principal, JsonMapper json) {
        Topic name = topic(topic, principal);
        if (STRATA_TOPICS.contains(name.value()) || name.value().startsWith(STRATA_TOPIC_PREFIX)) {
            throw new InvalidInputException("topic", "topic '" + name.value() + "' is written by Strata itself; "
                    + "publish to a topic of your own");
        }
        byte[] data;
        try {
            data = json.writeValueAsBytes(request.data());
        } catch (IOException e) {
            throw new InvalidInputException("data", "data must be JSON");
        }
        return new PublishEventCommand(name, request.type(), Optional.ofNullable(request.subject()), data,
                "/clients/" + principal.subject(), Optional.ofNullable(idempotencyKey).map(IdempotencyKey::new));
    }

    /** 201 for a new event, 200 for the replay of an idempotency key. */
    static HttpStatus publishedStatus(AppendResult result) {
        return result.replayed() ? HttpStatus.OK : HttpStatus.CREATED;
    }

    @Operation(summary = "The topic's events after a sequence, in order")
    @Get("/events")
    @RequiresScope("events:consume")
    public EventsPageResponse<CloudEventResponse> history(@PathVariable String topic, @QueryValue @Nullable Long after,
                                                          @QueryValue @Nullable Integer limit,
                                                          @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        Topic name = topic(topic, principal);
        int size = limit == null ? PageRequest.DEFAULT_LIMIT : limit;
        List<Event> events = readEvents.readEvents(new ReadEventsQuery(name, after == null ? 0 : after, size));
        String next = events.size() == size ? Long.toString(events.get(events.size() - 1).sequence()) : null;
        return new EventsPageResponse<>(events.stream().map(e -> cloudEvent(e, null)).toList(), next);
    }

    @Operation(summary = "Server-Sent Events of the topic: id is the sequence, Last-Event-ID resumes, heartbeat comments")
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Produces(MediaType.TEXT_EVENT_STREAM)
    @RequiresScope("events:consume")
    public Publisher<io.micronaut.http.sse.Event<String>> stream(@PathVariable String topic,
                                                                 @Header("Last-Event-ID") @Nullable String lastEventId,
                                                                 @QueryValue @Nullable String after,
                                                                 @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        Topic name = topic(topic, principal);
        String resume = lastEventId != null && !lastEventId.isBlank() ? lastEventId.strip() : after;
        Optional<Long> from = resume == null ? Optional.empty() : Optional.of(sequence(resume));
        // one of the tenant's open-stream slots (strata.quotas.sse-streams), held until the stream ends
        AcquireStreamSlotUseCase.StreamSlot slot = streamSlots.acquire();
        try {
            return StreamSlotRelease.releasing(sse.open(streamEvents, new StreamEventsQuery(name, from), event -> {
                try {
                    return json.writeValueAsString(cloudEvent(event, null));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, principal), slot);
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    private static long sequence(String text) {
        if (text.length() > 19 || !text.chars().allMatch(Character::isDigit) || text.isEmpty()) {
            throw new InvalidInputException("Last-Event-ID", "Last-Event-ID must be the sequence of an event (an integer >= 0)");
        }
        return Long.parseLong(text);
    }

    @Operation(summary = "Create a consumer group starting at the latest or the earliest event")
    @Put("/groups/{group}")
    @RequiresScope("events:consume")
    public HttpResponse<GroupResponse> defineGroup(@PathVariable String topic, @PathVariable String group,
                                                   @Body @Nullable DefineGroupRequest request,
                                                   @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        Topic name = topic(topic, principal);
        DefinedGroup defined = defineGroup.defineGroup(new DefineGroupCommand(name, new GroupName(group),
                StartAt.parse(request == null ? null : request.startAt())));
        ConsumerGroup g = defined.group();
        return HttpResponse.<GroupResponse>status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new GroupResponse(g.topic().value(), g.name().value(), g.startAt().wire(), g.startAfter(), g.createdAt()));
    }

    @Operation(summary = "A consumer group's lag, pending events, consumers and dead letters")
    @Get("/groups/{group}")
    @RequiresScope("events:consume")
    public GroupStatsResponse describeGroup(@PathVariable String topic, @PathVariable String group,
                                            @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        GroupStats stats = describeGroup.describeGroup(new GroupQuery(topic(topic, principal), new GroupName(group)));
        return new GroupStatsResponse(stats.lag(), stats.pending(), stats.consumers(), stats.deadLetters(),
                stats.oldestPendingSeconds());
    }

    @Operation(summary = "Deliver the group's next events to a consumer (idle unacknowledged ones first)")
    @Post("/groups/{group}/read")
    @RequiresScope("events:consume")
    public ReadGroupResponse read(@PathVariable String topic, @PathVariable String group, @Body @Valid ReadGroupRequest request,
                                  @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        List<Delivery> deliveries = readGroup.readGroup(new ReadGroupCommand(topic(topic, principal), new GroupName(group),
                new ConsumerName(request.consumer()), request.count() == null ? 10 : request.count(),
                request.blockMs() == null ? 0 : request.blockMs()));
        return new ReadGroupResponse(deliveries.stream().map(d -> cloudEvent(d.event(), d.deliveryCount())).toList());
    }

    @Operation(summary = "Acknowledge events of the group by id")
    @Post("/groups/{group}/ack")
    @RequiresScope("events:consume")
    public AckResponse ack(@PathVariable String topic, @PathVariable String group, @Body @Valid AckRequest request,
                           @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        return new AckResponse(ack.ack(new AckEventsCommand(topic(topic, principal), new GroupName(group), request.ids())));
    }

    @Operation(summary = "The group's dead letters")
    @Get("/groups/{group}/dead-letters")
    @RequiresScope("events:consume")
    public EventsPageResponse<DeadLetterResponse> deadLetters(@PathVariable String topic, @PathVariable String group,
                                                              @QueryValue @Nullable Integer limit,
                                                              @QueryValue @Nullable String cursor,
                                                              @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        Page<DeadLetter> page = listDeadLetters.listDeadLetters(new ListDeadLettersQuery(
                new GroupQuery(topic(topic, principal), new GroupName(group)), PageRequest.of(limit, cursor)));
        return new EventsPageResponse<>(page.items().stream()
                .map(d -> new DeadLetterResponse(cloudEvent(d.event(), null), d.deliveries(), d.deadAt())).toList(),
                page.nextCursor().orElse(null));
    }

    @Operation(summary = "Deliver a dead letter to the group again")
    @Post("/groups/{group}/dead-letters/{id}/replay")
    @RequiresScope("events:consume")
    @Status(HttpStatus.NO_CONTENT)
    public void replay(@PathVariable String topic, @PathVariable String group, @PathVariable String id,
                       @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        replay.replay(new ReplayDeadLetterCommand(new GroupQuery(topic(topic, principal), new GroupName(group)), id));
    }

    private static Topic topic(String topic, AccessPrincipal principal) {
        Topic name = new Topic(topic);
        if (ADMIN_TOPICS.contains(name.value()) && !principal.has(Scope.ADMIN)) {
            // a restricted topic is invisible to the others, like another tenant's resource
            throw new NotFoundException("events.topic_not_found", "topic not found");
        }
        return name;
    }

    private CloudEventResponse cloudEvent(Event event, @Nullable Long deliveryCount) {
        JsonNode data;
        try {
            data = json.readValue(event.data(), JsonNode.class);
        } catch (IOException e) {
            data = JsonNode.createStringNode(event.dataAsUtf8());
        }
        return new CloudEventResponse(Event.SPEC_VERSION, event.id(), event.source(), event.type(),
                event.subject().orElse(null), event.time().toString(), Event.DATA_CONTENT_TYPE, data, event.sequence(),
                deliveryCount);
    }
}
