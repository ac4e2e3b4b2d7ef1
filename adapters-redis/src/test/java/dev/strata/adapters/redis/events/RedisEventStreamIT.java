package dev.strata.adapters.redis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.Delivery;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Redis stream adapter against the shared real Redis: idempotent appends, ranges, live events, groups. */
class RedisEventStreamIT {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();
    private static final RedisEventStream STREAM = new RedisEventStream(CONNECTOR);
    private static final Topic TOPIC = new Topic("orders");

    @AfterAll
    static void close() {
        STREAM.close();
        REDIS.close();
    }

    private static List<Event> events(long from, long to) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return LongStream.rangeClosed(from, to).mapToObj(seq -> new NewEvent("id-" + seq, "/test", "t",
                seq % 2 == 0 ? Optional.of("s/" + seq) : Optional.empty(), now,
                ("{\"n\":" + seq + ",\n\"x\":\"ü\"}").getBytes(StandardCharsets.UTF_8)).at(TOPIC, seq)).toList();
    }

    @Test
    void appendsEachSequenceOnceAndReadsRangesItHolds() {
        TenantContext.runAs(TenantId.random(), () -> {
            List<Event> all = events(1, 5);
            assertEquals(3, STREAM.append(TOPIC, 0, all.subList(0, 3), 1).appended());
            // a relay repeating itself after a crash: the first three are already there
            assertEquals(2, STREAM.append(TOPIC, 0, all, 1).appended());
            assertEquals(all, STREAM.readAfter(TOPIC, 0, 10).orElseThrow());
            assertEquals(all.subList(2, 4), STREAM.readAfter(TOPIC, 2, 2).orElseThrow());
            assertTrue(STREAM.readAfter(TOPIC, 5, 10).isEmpty(), "not relayed yet");
        });
    }

    @Test
    void noticesAStreamThatVanished() {
        TenantContext.runAs(TenantId.random(), () -> {
            assertTrue(STREAM.append(TOPIC, 7, events(8, 8), 1).streamLost());
            assertTrue(STREAM.readAfter(TOPIC, 7, 10).isEmpty(), "a lost stream appends nothing: the relay rebuilds it");
            assertFalse(STREAM.append(TOPIC, 0, events(8, 8), 1).streamLost());
            assertFalse(STREAM.append(TOPIC, 8, events(9, 9), 1).streamLost());
            assertTrue(STREAM.readAfter(TOPIC, 0, 10).isEmpty(), "the stream does not hold event 1");
        });
    }

    @Test
    void broadcastsNewEventsToSubscribersOfTheirTenantOnly() throws Exception {
        TenantId tenant = TenantId.random();
        LinkedBlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Event> otherSeen = new LinkedBlockingQueue<>();
        EventStream.Subscription subscription = TenantContext.callAs(tenant, () -> STREAM.subscribe(TOPIC, seen::add));
        EventStream.Subscription other = TenantContext.callAs(TenantId.random(), () -> STREAM.subscribe(TOPIC, otherSeen::add));
        try {
            Thread.sleep(1500);
            List<Event> published = events(1, 2);
            TenantContext.runAs(tenant, () -> STREAM.append(TOPIC, 0, published, 1));
            assertEquals(published.get(0), seen.poll(5, TimeUnit.SECONDS));
            assertEquals(2, seen.poll(5, TimeUnit.SECONDS).sequence());
            assertTrue(otherSeen.isEmpty());
        } finally {
            subscription.close();
            other.close();
        }
    }

    @Test
    void groupsDeliverClaimAckAndRequeue() {
        TenantContext.runAs(TenantId.random(), () -> {
            GroupName group = new GroupName("workers");
            ConsumerName a = new ConsumerName("a");
            ConsumerName b = new ConsumerName("b");
            assertThrows(EventStream.GroupMissingException.class, () -> STREAM.readNew(TOPIC, group, a, 10));
            STREAM.append(TOPIC, 0, events(1, 2), 1);
            assertTrue(STREAM.createGroup(TOPIC, group, 1));
            assertFalse(STREAM.createGroup(TOPIC, group, 0));
            STREAM.append(TOPIC, 2, events(3, 3), 1);
            List<Delivery> first = STREAM.readNew(TOPIC, group, a, 10);
            assertEquals(List.of(2L, 3L), first.stream().map(d -> d.event().sequence()).toList());
            assertEquals(2, STREAM.groupState(TOPIC, group).orElseThrow().pending());
            assertEquals(1, STREAM.ack(TOPIC, group, List.of(2L)));
            List<Delivery> claimed = STREAM.claimIdle(TOPIC, group, b, Duration.ZERO, 10);
            assertEquals(1, claimed.size());
            assertEquals(3, claimed.get(0).event().sequence());
            assertEquals(2, claimed.get(0).deliveryCount());
            assertEquals(1, STREAM.ack(TOPIC, group, List.of(3L)));
            assertEquals(0, STREAM.groupState(TOPIC, group).orElseThrow().pending());

            assertTrue(STREAM.requeue(TOPIC, group, 2));
            List<Delivery> replayed = STREAM.claimIdle(TOPIC, group, b, Duration.ofSeconds(30), 10);
            assertEquals(List.of(2L), replayed.stream().map(d -> d.event().sequence()).toList());
            assertEquals(1, replayed.get(0).deliveryCount());
            assertEquals(2, STREAM.groupState(TOPIC, group).orElseThrow().consumers(), "a and b; not the replay holder");
        });
    }
}
