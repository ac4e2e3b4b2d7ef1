package dev.strata.application.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.domain.events.InMemoryConsumerGroups;
import dev.strata.domain.events.InMemoryEventLog;
import dev.strata.domain.events.InMemoryEventOutbox;
import dev.strata.domain.events.InMemoryEventStream;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.shared.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RelayEventsServiceTest {
    /** The in-memory outbox, counting the straggler sweeps asked of it. */
    private static final class CountingOutbox implements EventOutbox {
        private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(new InMemoryEventLog());
        private final AtomicInteger sweeps = new AtomicInteger();

        @Override
        public int numberStragglers(int limit) {
            sweeps.incrementAndGet();
            return 0;
        }

        @Override
        public List<PendingTopic> pendingTopics(int limit) {
            return outbox.pendingTopics(limit);
        }

        @Override
        public boolean relay(Topic topic, int max, RelayStep step) {
            return outbox.relay(topic, max, step);
        }

        @Override
        public void rewind(Topic topic, long afterSequence) {
            outbox.rewind(topic, afterSequence);
        }

        @Override
        public int purge(Topic topic, Instant cutoff) {
            return outbox.purge(topic, cutoff);
        }
    }

    @Test
    void roundsBackToBackSweepForStragglersOncePerIntervalAndTheFirstRoundAlways() throws InterruptedException {
        CountingOutbox outbox = new CountingOutbox();
        EventsPolicy policy = new EventsPolicy(Duration.ofSeconds(30), 5, Duration.ofDays(1), 100, 10_000,
                Duration.ofSeconds(1), Duration.ofMillis(100));
        RelayEventsService relay = new RelayEventsService(outbox, new InMemoryEventStream(), null,
                new InMemoryConsumerGroups(), policy, Clock.system());

        for (int round = 0; round < 50; round++) {
            relay.relayPending();
        }
        assertEquals(1, outbox.sweeps.get(), "the first round sweeps, the rounds right after it do not");

        Thread.sleep(RelayEventsService.STRAGGLER_SWEEP_EVERY.toMillis() + 100);
        relay.relayPending();
        relay.relayPending();
        assertEquals(2, outbox.sweeps.get(), "once the interval has passed, the next round sweeps again");
    }
}
