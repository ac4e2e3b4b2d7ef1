package dev.strata.application.events;

import dev.strata.application.events.port.AckEventsCommand;
import dev.strata.application.events.port.AckEventsUseCase;
import dev.strata.application.events.port.DefineGroupCommand;
import dev.strata.application.events.port.DefineGroupUseCase;
import dev.strata.application.events.port.DescribeGroupUseCase;
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
import dev.strata.application.shared.BoundedMap;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.ConsumerGroup;
import dev.strata.domain.events.DeadLetter;
import dev.strata.domain.events.Delivery;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.GroupState;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.StartAt;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.ConsumerGroups;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.events.port.StreamGroups;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Service implementing the events use cases over the durable log, the live stream and the group registry. */
public class EventsService implements PublishEventUseCase, ReadEventsUseCase, DefineGroupUseCase, ReadGroupUseCase,
        AckEventsUseCase, DescribeGroupUseCase, ListDeadLettersUseCase, ReplayDeadLetterUseCase {
    private static final long POLL_MILLIS = 50;
    /** Most events one publish transaction carries (concurrent publishes to one topic commit together). */
    private static final int PUBLISH_BATCH = 256;

    private final EventLog log;
    private final EventOutbox outbox;
    private final EventStream stream;
    private final StreamGroups streamGroups;
    private final ConsumerGroups groups;
    private final EventsPolicy policy;
    private final Clock clock;
    private final Runnable published;
    private final EventHistory history;
    private final PublishLanes lanes;
    private final Quota topicQuota;
    private final Quota groupQuota;
    /** Topics this instance knows to be registered; bounded, as a tenant may invent names. */
    private final BoundedMap<TenantTopic, Boolean> knownTopics = new BoundedMap<>(MAX_KNOWN_TOPICS);

    private static final int MAX_KNOWN_TOPICS = 100_000;

    private record TenantTopic(TenantId tenant, Topic topic) {
    }

    /**
     * @param published told after each publish has committed (wakes the local relay; the others poll)
     */
    public EventsService(EventLog log, EventOutbox outbox, EventStream stream, StreamGroups streamGroups,
                         ConsumerGroups groups, EventsPolicy policy, Clock clock, Runnable published) {
        this(log, outbox, stream, streamGroups, groups, policy, clock, published, null, null);
    }

    /**
     * With per-tenant quotas: a publish to a topic new to the tenant is refused beyond {@code topicQuota}, a new
     * group beyond {@code groupQuota} (null: no quota).
     */
    public EventsService(EventLog log, EventOutbox outbox, EventStream stream, StreamGroups streamGroups,
                         ConsumerGroups groups, EventsPolicy policy, Clock clock, Runnable published,
                         Quota topicQuota, Quota groupQuota) {
        this(log, outbox, stream, streamGroups, groups, policy, clock, published, topicQuota, groupQuota, null);
    }

    /**
     * With this instance's live feeds: each publish hands its committed event to them directly (null: none, the
     * feeds then get it through the live stream).
     */
    public EventsService(EventLog log, EventOutbox outbox, EventStream stream, StreamGroups streamGroups,
                         ConsumerGroups groups, EventsPolicy policy, Clock clock, Runnable published,
                         Quota topicQuota, Quota groupQuota, LocalFeeds feeds) {
        this(log, outbox, stream, streamGroups, groups, policy, clock, published, topicQuota, groupQuota, feeds, null);
    }

    /**
     * With an executor that answers publishes: each batch's publishers are told of their commit there, so that the
     * topic's next append starts without waiting for them (null: the appending thread tells them).
     */
    public EventsService(EventLog log, EventOutbox outbox, EventStream stream, StreamGroups streamGroups,
                         ConsumerGroups groups, EventsPolicy policy, Clock clock, Runnable published,
                         Quota topicQuota, Quota groupQuota, LocalFeeds feeds, Executor answers) {
        this.topicQuota = topicQuota;
        this.groupQuota = groupQuota;
        this.log = log;
        this.outbox = outbox;
        this.stream = stream;
        this.streamGroups = streamGroups;
        this.groups = groups;
        this.policy = policy;
        this.clock = clock;
        this.published = published;
        this.history = new EventHistory(log, stream);
        this.lanes = new PublishLanes(log, PUBLISH_BATCH, feeds, answers);
    }

    @Override
    public AppendResult publish(PublishEventCommand command) {
        try {
            return publishAsync(command).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<AppendResult> publishAsync(PublishEventCommand command) {
        NewEvent event = new NewEvent(UUID.randomUUID().toString(), command.source(), command.type(), command.subject(),
                clock.now().truncatedTo(ChronoUnit.MILLIS), command.data());
        registerTopic(command.topic());
        return lanes.append(command.topic(), new EventLog.Pending(event, command.idempotencyKey()))
                .thenApply(result -> {
                    published.run();
                    return result;
                });
    }

    /** Counts a topic against the tenant's quota the first time this instance publishes to it (one round trip). */
    private void registerTopic(Topic topic) {
        if (topicQuota == null) {
            return;
        }
        TenantTopic known = new TenantTopic(TenantContext.require(), topic);
        if (!knownTopics.containsKey(known)) {
            log.registerTopic(topic, topicQuota);
            knownTopics.put(known, Boolean.TRUE);
        }
    }

    @Override
    public List<Event> readEvents(ReadEventsQuery query) {
        return history.after(query.topic(), query.after(), query.limit());
    }

    @Override
    public DefinedGroup defineGroup(DefineGroupCommand command) {
        Optional<ConsumerGroup> existing = groups.find(command.topic(), command.group());
        if (existing.isPresent()) {
            if (existing.get().startAt() != command.startAt()) {
                throw new ConflictException("events.group_exists", "group '" + command.group()
                        + "' exists with startAt '" + existing.get().startAt().wire() + "'");
            }
            return new DefinedGroup(existing.get(), false);
        }
        long startAfter = command.startAt() == StartAt.LATEST ? log.lastSequence(command.topic()) : 0;
        ConsumerGroup defined = new ConsumerGroup(command.topic(), command.group(), command.startAt(),
                startAfter, clock.now().truncatedTo(ChronoUnit.MILLIS));
        ConsumerGroup stored = groupQuota == null ? groups.define(defined) : groups.define(defined, groupQuota);
        try {
            streamGroups.createGroup(command.topic(), command.group(), stored.startAfter());
        } catch (StoreUnavailableException redisDown) {
            // the definition is durable; the first read creates the group in the stream
        }
        // a concurrent PUT may have stored its definition first: then this call created nothing
        return new DefinedGroup(stored, stored.startAfter() == startAfter);
    }

    private ConsumerGroup group(GroupQuery query) {
        return groups.find(query.topic(), query.group())
                .orElseThrow(() -> new NotFoundException("events.group_not_found", "group '" + query.group() + "' not found"));
    }

    @Override
    public List<Delivery> readGroup(ReadGroupCommand command) {
        ConsumerGroup group = group(new GroupQuery(command.topic(), command.group()));
        long deadline = System.nanoTime() + command.blockMs() * 1_000_000;
        boolean recreated = false;
        while (true) {
            List<Delivery> delivered;
            try {
                delivered = deliver(command);
            } catch (StreamGroups.GroupMissingException missing) {
                if (recreated) {
                    throw new StoreUnavailableException("redis", "consumer group could not be restored", missing);
                }
                restore(group);
                recreated = true;
                continue;
            }
            if (!delivered.isEmpty() || System.nanoTime() - deadline >= 0) {
                return delivered;
            }
            // a blocking XREADGROUP would hold the shared connection; short polls keep it free
            sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private List<Delivery> deliver(ReadGroupCommand command) {
        List<Delivery> delivered = new ArrayList<>();
        for (Delivery claimed : streamGroups.claimIdle(command.topic(), command.group(), command.consumer(),
                policy.visibilityTimeout(), command.count())) {
            if (claimed.deliveryCount() > policy.maxDeliveries()) {
                groups.addDeadLetter(command.topic(), new DeadLetter(command.group(), claimed.event(),
                        claimed.deliveryCount() - 1, clock.now().truncatedTo(ChronoUnit.MILLIS)));
                streamGroups.ack(command.topic(), command.group(), List.of(claimed.event().sequence()));
            } else {
                delivered.add(claimed);
            }
        }
        if (delivered.size() < command.count()) {
            delivered.addAll(streamGroups.readNew(command.topic(), command.group(), command.consumer(),
                    command.count() - delivered.size()));
        }
        return delivered;
    }

    /** The stream lost the group (Redis restarted empty, or it was defined while Redis was down): rebuild it. */
    private void restore(ConsumerGroup group) {
        streamGroups.createGroup(group.topic(), group.name(), group.startAfter());
        // the stream may have lost the events too: the relay moves them again (repeats are refused by id)
        outbox.rewind(group.topic(), group.startAfter());
        published.run();
    }

    @Override
    public long ack(AckEventsCommand command) {
        group(new GroupQuery(command.topic(), command.group()));
        List<Long> sequences = log.findByIds(command.topic(), command.ids()).stream().map(Event::sequence).toList();
        return streamGroups.ack(command.topic(), command.group(), sequences);
    }

    @Override
    public GroupStats describeGroup(GroupQuery query) {
        ConsumerGroup group = group(query);
        long last = log.lastSequence(query.topic());
        GroupState state = streamGroups.groupState(query.topic(), query.group())
                .orElse(GroupState.idle(group.startAfter(), 0));
        return new GroupStats(Math.max(0, last - state.lastDelivered()), state.pending(), state.consumers(),
                groups.countDeadLetters(query.topic(), query.group()),
                state.oldestPendingMillis() == null ? null : state.oldestPendingMillis() / 1000);
    }

    @Override
    public Page<DeadLetter> listDeadLetters(ListDeadLettersQuery query) {
        group(query.group());
        long after = query.page().position().map(position -> {
            try {
                return Long.parseLong(position);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cursor", "cursor is not valid");
            }
        }).orElse(0L);
        int limit = query.page().limit();
        List<DeadLetter> rows = groups.deadLetters(query.group().topic(), query.group().group(), after, limit + 1);
        boolean more = rows.size() > limit;
        List<DeadLetter> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown, more
                ? Optional.of(PageRequest.encode(Long.toString(shown.get(shown.size() - 1).event().sequence())))
                : Optional.empty());
    }

    @Override
    public void replay(ReplayDeadLetterCommand command) {
        GroupQuery query = command.group();
        group(query);
        DeadLetter letter = groups.findDeadLetter(query.topic(), query.group(), command.eventId())
                .orElseThrow(() -> new NotFoundException("events.dead_letter_not_found", "dead letter not found"));
        if (!streamGroups.requeue(query.topic(), query.group(), letter.event().sequence())) {
            throw new ConflictException("events.replay_unavailable",
                    "the event is no longer in the live stream and cannot be replayed");
        }
        groups.removeDeadLetter(query.topic(), query.group(), letter.event().sequence());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for events", e);
        }
    }
}
