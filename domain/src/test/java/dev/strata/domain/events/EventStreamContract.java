package dev.strata.domain.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link EventStream}: the in-memory fake and the Redis adapter extend it. Live delivery may be
 * asynchronous: a test waits up to {@link #DELIVERY_TIMEOUT} for it, never a fixed time.
 */
public abstract class EventStreamContract extends ContractSupport {
    /** How long a test waits for a live event before failing. */
    protected static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    protected static final Topic ORDERS = new Topic("orders");
    protected static final Topic AUDIT = new Topic("audit");

    protected EventStream stream;
    protected TenantId tenant;

    /** Hook: the stream under test; called before each test. */
    protected abstract EventStream createSubject();

    @BeforeEach
    void createEventStream() {
        stream = createSubject();
        tenant = newTenant();
    }

    /** Events {@code from..to} of {@code topic} (sequences as the log would have given them). */
    protected List<Event> events(Topic topic, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> new NewEvent("id-" + seq + "-" + unique(), "/strata/test",
                "t", seq % 2 == 0 ? Optional.of("s/" + seq) : Optional.empty(), now(),
                ("{\"n\":" + seq + ",\n\"x\":\"ü\"}").getBytes(StandardCharsets.UTF_8)).at(topic, seq)).toList();
    }

    private StreamAppend append(long relayedBefore, List<Event> events) {
        return as(tenant, () -> stream.append(ORDERS, relayedBefore, events, 1));
    }

    private Optional<List<Event>> readAfter(long after, int limit) {
        return as(tenant, () -> stream.readAfter(ORDERS, after, limit));
    }

    @Test
    void appendsInOrderAndReadsBack() {
        List<Event> all = events(ORDERS, 1, 5);
        StreamAppend appended = append(0, all);
        assertEquals(5, appended.appended());
        assertFalse(appended.streamLost());
        assertEquals(all, readAfter(0, 10).orElseThrow());
        assertEquals(all.subList(2, 4), readAfter(2, 2).orElseThrow(), "a range is limited");
        assertEquals(all.subList(3, 5), readAfter(3, 10).orElseThrow(), "a range may end early");
    }

    @Test
    void appendingAnEventTwiceKeepsOneCopy() {
        List<Event> all = events(ORDERS, 1, 5);
        assertEquals(3, append(0, all.subList(0, 3)).appended());
        // a relay repeating itself after a crash: the first three are already there
        assertEquals(2, append(0, all).appended());
        assertEquals(0, append(5, all).appended());
        assertEquals(all, readAfter(0, 10).orElseThrow());
    }

    @Test
    void aRangeItDoesNotHoldIsEmpty() {
        assertTrue(readAfter(0, 10).isEmpty(), "nothing relayed yet");
        append(0, events(ORDERS, 1, 3));
        assertTrue(readAfter(3, 10).isEmpty(), "event 4 is not relayed yet");
        assertTrue(readAfter(7, 10).isEmpty());
    }

    @Test
    void noticesAStreamThatVanished() {
        StreamAppend lost = append(7, events(ORDERS, 8, 8));
        assertTrue(lost.streamLost(), "events were relayed before, yet there is no stream");
        assertEquals(0, lost.appended());
        assertTrue(readAfter(7, 10).isEmpty(), "a lost stream appends nothing: the relay rebuilds it");
        assertFalse(append(0, events(ORDERS, 8, 8)).streamLost());
        assertFalse(append(8, events(ORDERS, 9, 9)).streamLost());
        assertEquals(List.of(9L), readAfter(8, 10).orElseThrow().stream().map(Event::sequence).toList());
        assertTrue(readAfter(0, 10).isEmpty(), "the stream does not hold event 1");
    }

    @Test
    void trimmingKeepsEverythingFromTheFloor() {
        List<Event> all = events(ORDERS, 1, 6);
        as(tenant, () -> stream.append(ORDERS, 0, all, 4));
        assertEquals(all.subList(3, 6), readAfter(3, 10).orElseThrow(), "entries at or above the floor stay");
    }

    @Test
    void tenantsAndTopicsAreSeparate() {
        append(0, events(ORDERS, 1, 2));
        TenantId other = newTenant();
        assertTrue(as(other, () -> stream.readAfter(ORDERS, 0, 10)).isEmpty());
        assertTrue(as(tenant, () -> stream.readAfter(AUDIT, 0, 10)).isEmpty());
        List<Event> audit = events(AUDIT, 1, 1);
        assertEquals(1, as(tenant, () -> stream.append(AUDIT, 0, audit, 1)).appended(), "sequences are per topic");
        assertEquals(audit, as(tenant, () -> stream.readAfter(AUDIT, 0, 10)).orElseThrow());
    }

    @Test
    void broadcastsNewEventsToSubscribersOfTheirTenantAndTopicOnly() {
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        BlockingQueue<Event> otherTenant = new LinkedBlockingQueue<>();
        BlockingQueue<Event> otherTopic = new LinkedBlockingQueue<>();
        EventStream.Subscription subscription = as(tenant, () -> stream.subscribe(ORDERS, seen::add));
        EventStream.Subscription other = as(newTenant(), () -> stream.subscribe(ORDERS, otherTenant::add));
        EventStream.Subscription audit = as(tenant, () -> stream.subscribe(AUDIT, otherTopic::add));
        try {
            long last = awaitLive(seen);
            List<Event> next = events(ORDERS, last + 1, last + 2);
            append(last, next);
            assertEquals(next.get(0), poll(seen));
            assertEquals(next.get(1), poll(seen));
            append(0, events(ORDERS, 1, last + 2));
            append(last + 2, events(ORDERS, last + 3, last + 3));
            assertEquals(last + 3, poll(seen).sequence(), "events already there are not broadcast again");
            assertTrue(otherTenant.isEmpty(), "another tenant hears nothing");
            assertTrue(otherTopic.isEmpty(), "another topic hears nothing");
        } finally {
            other.close();
            audit.close();
            subscription.close();
        }
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() throws InterruptedException {
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        BlockingQueue<Event> stays = new LinkedBlockingQueue<>();
        EventStream.Subscription subscription = as(tenant, () -> stream.subscribe(ORDERS, seen::add));
        EventStream.Subscription staying = as(tenant, () -> stream.subscribe(ORDERS, stays::add));
        try {
            long last = awaitLive(stays);
            subscription.close();
            seen.clear();
            append(last, events(ORDERS, last + 1, last + 1));
            assertEquals(last + 1, poll(stays).sequence(), "control: the other subscriber hears it");
            assertNull(seen.poll(100, TimeUnit.MILLISECONDS), "the closed one does not");
        } finally {
            staying.close();
        }
    }

    /**
     * Appends new events one by one until the subscriber hears one (a subscription may take effect
     * asynchronously); returns the last sequence appended, after draining what was heard.
     */
    private long awaitLive(BlockingQueue<Event> queue) {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        long sequence = 0;
        while (System.nanoTime() - deadline < 0) {
            sequence++;
            append(sequence - 1, events(ORDERS, sequence, sequence));
            try {
                Event heard = queue.poll(100, TimeUnit.MILLISECONDS);
                if (heard != null) {
                    // drain what is still in flight of the warm-up appends
                    while (queue.poll(200, TimeUnit.MILLISECONDS) != null) {
                        // nothing
                    }
                    return sequence;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no live event arrived within " + DELIVERY_TIMEOUT);
    }

    private static Event poll(BlockingQueue<Event> queue) {
        try {
            Event event = queue.poll(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "no live event arrived within " + DELIVERY_TIMEOUT);
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
