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
import dev.strata.domain.events.port.StreamGroups;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Redis consumer groups against the shared real Redis: create, deliver, claim, ack, requeue, state. */
class RedisStreamGroupsIT {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();
    private static final RedisEventStream STREAM = new RedisEventStream(CONNECTOR);
    private static final RedisStreamGroups GROUPS = new RedisStreamGroups(CONNECTOR);
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
    void groupsDeliverClaimAckAndRequeue() {
        TenantContext.runAs(TenantId.random(), () -> {
            GroupName group = new GroupName("workers");
            ConsumerName a = new ConsumerName("a");
            ConsumerName b = new ConsumerName("b");
            assertThrows(StreamGroups.GroupMissingException.class, () -> GROUPS.readNew(TOPIC, group, a, 10));
            STREAM.append(TOPIC, 0, events(1, 2), 1);
            assertTrue(GROUPS.createGroup(TOPIC, group, 1));
            assertFalse(GROUPS.createGroup(TOPIC, group, 0));
            STREAM.append(TOPIC, 2, events(3, 3), 1);
            List<Delivery> first = GROUPS.readNew(TOPIC, group, a, 10);
            assertEquals(List.of(2L, 3L), first.stream().map(d -> d.event().sequence()).toList());
            assertEquals(2, GROUPS.groupState(TOPIC, group).orElseThrow().pending());
            assertEquals(1, GROUPS.ack(TOPIC, group, List.of(2L)));
            List<Delivery> claimed = GROUPS.claimIdle(TOPIC, group, b, Duration.ZERO, 10);
            assertEquals(1, claimed.size());
            assertEquals(3, claimed.get(0).event().sequence());
            assertEquals(2, claimed.get(0).deliveryCount());
            assertEquals(1, GROUPS.ack(TOPIC, group, List.of(3L)));
            assertEquals(0, GROUPS.groupState(TOPIC, group).orElseThrow().pending());

            assertTrue(GROUPS.requeue(TOPIC, group, 2));
            List<Delivery> replayed = GROUPS.claimIdle(TOPIC, group, b, Duration.ofSeconds(30), 10);
            assertEquals(List.of(2L), replayed.stream().map(d -> d.event().sequence()).toList());
            assertEquals(1, replayed.get(0).deliveryCount());
            assertEquals(2, GROUPS.groupState(TOPIC, group).orElseThrow().consumers(), "a and b; not the replay holder");
        });
    }
}
