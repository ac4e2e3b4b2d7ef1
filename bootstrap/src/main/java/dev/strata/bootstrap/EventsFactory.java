package dev.strata.bootstrap;

import dev.strata.adapters.http.events.EventsSettings;
import dev.strata.application.events.EventsPolicy;
import dev.strata.application.events.EventsService;
import dev.strata.application.events.LocalFeeds;
import dev.strata.application.events.RelayEventsService;
import dev.strata.application.events.RelayWorker;
import dev.strata.application.events.StreamEventsService;
import dev.strata.application.events.StreamSlotService;
import dev.strata.application.events.port.RelayEventsUseCase;
import dev.strata.application.events.port.StreamEventsUseCase;
import dev.strata.domain.events.port.ConsumerGroups;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.events.port.StreamGroups;
import dev.strata.domain.events.port.OpenStreams;
import dev.strata.domain.shared.Clock;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Wiring of the events use cases, the relay worker every instance runs, and the live-feed scheduler. */
@Factory
class EventsFactory {
    @Singleton
    EventsPolicy eventsPolicy(EventsSettings settings) {
        return new EventsPolicy(settings.visibilityTimeout(), settings.maxDeliveries(), settings.retention(),
                settings.relayBatch(), settings.streamMaxLength(), settings.heartbeat(), settings.ssePollInterval());
    }

    @Singleton
    RelayEventsUseCase relayEvents(EventOutbox outbox, EventStream stream, StreamGroups streamGroups, ConsumerGroups groups,
                                   EventsPolicy policy, Clock clock) {
        return new RelayEventsService(outbox, stream, streamGroups, groups, policy, clock);
    }

    @Context
    @Bean(preDestroy = "close")
    RelayWorker relayWorker(RelayEventsUseCase relay, EventsSettings settings) {
        RelayWorker worker = new RelayWorker(relay, settings.relayInterval());
        return settings.relayEnabled() ? worker.start() : worker;
    }

    @Singleton
    // The one service implements every events use case; Micronaut injects it wherever one is asked for.
    EventsService eventsService(EventLog log, EventOutbox outbox, EventStream stream, StreamGroups streamGroups,
                                ConsumerGroups groups, EventsPolicy policy, Clock clock, RelayWorker relay,
                                QuotaSettings quotas, LocalFeeds feeds,
                                @Named(TaskExecutors.BLOCKING) Executor blocking) {
        // publishers are answered on the blocking pool: the topic's writer goes on to its next append meanwhile
        return new EventsService(log, outbox, stream, streamGroups, groups, policy, clock, relay::wake, quotas.topicsQuota(),
                quotas.groupsQuota(), feeds, blocking);
    }

    @Singleton
    LocalFeeds localFeeds() {
        return new LocalFeeds();
    }

    @Singleton
    @Bean(preDestroy = "close")
    StreamSlotService streamSlots(OpenStreams openStreams, QuotaSettings quotas) {
        return new StreamSlotService(openStreams, quotas.sseStreamsQuota(), quotas.sseStreamLease());
    }

    @Singleton
    @Named("events-feeds")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService feedScheduler() {
        return Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "strata-events-feed");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Singleton
    StreamEventsUseCase streamEvents(EventLog log, EventStream stream, EventsPolicy policy,
                                     @Named("events-feeds") ScheduledExecutorService scheduler, LocalFeeds feeds) {
        return new StreamEventsService(log, stream, policy, scheduler, feeds);
    }
}
