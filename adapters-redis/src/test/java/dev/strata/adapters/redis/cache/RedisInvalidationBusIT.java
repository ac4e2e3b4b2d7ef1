package dev.strata.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.InvalidationBusContract;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantId;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The invalidation bus contract on real Redis Pub/Sub (each bus with its own client, as separate instances),
 * plus the loss and return of the channel on a redis-server of the test's own.
 */
class RedisInvalidationBusIT extends InvalidationBusContract {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestBuses buses = new TestBuses(registry);

    private RedisInvalidationBus open(String uri) {
        return buses.open(uri);
    }

    @Override
    protected InvalidationBus createSubject() {
        return buses.open();
    }

    @Override
    protected void release(InvalidationBus bus) {
        buses.close(bus);
    }

    @Test
    void theLagOfDeliveriesFromOtherInstancesIsMeasured() {
        Recorder recorder = subscribe(peer);
        runAs(newTenant(), () -> publisher.publish(Invalidation.keys(NS, Set.of("k"))));
        recorder.next();
        awaitTrue(() -> registry.find("strata.cache.invalidation.lag").timer() != null
                && registry.find("strata.cache.invalidation.lag").timer().count() >= 1, "lag recorded");
    }

    @Test
    void aLostChannelIsReportedAndItsReturnAnnouncedAfterResubscribing() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedisInvalidationBus sender = open(redis.uri());
            RedisInvalidationBus receiver = open(redis.uri());
            Recorder recorder = new Recorder();
            receiver.subscribe(recorder);
            List<Boolean> changes = recorder.connectionChanges;
            sender.subscribe((tenant, invalidation) -> { });
            awaitTrue(receiver::connected, "receiver connected");
            TenantId tenant = newTenant();

            redis.kill();
            awaitTrue(() -> !receiver.connected(), "receiver notices the loss");
            awaitTrue(() -> changes.contains(false), "listener told of the loss");
            assertThrows(StoreUnavailableException.class, () -> runAs(tenant, () -> sender.publish(Invalidation.namespace(NS))));

            redis.startAgain();
            awaitTrue(() -> changes.size() >= 2 && changes.get(changes.size() - 1), "listener told of the return");
            awaitTrue(receiver::connected, "receiver connected again");
            awaitTrue(() -> {
                try {
                    runAs(tenant, () -> sender.publish(Invalidation.keys(NS, Set.of("after"))));
                    return true;
                } catch (StoreUnavailableException stillOpening) {
                    return false;
                }
            }, "sender can publish again");
            assertEquals(Invalidation.keys(NS, Set.of("after")), recorder.next().invalidation());
            assertFalse(changes.isEmpty());
            assertTrue(changes.get(0) == Boolean.FALSE || changes.get(0) == Boolean.TRUE);
        }
    }

    @Test
    void aBusStartedWhileRedisIsDownConnectsWhenItArrives() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            redis.kill();
            RedisInvalidationBus late = open(redis.uri());
            Recorder recorder = new Recorder();
            late.subscribe(recorder);
            List<Boolean> changes = recorder.connectionChanges;
            assertFalse(late.connected());
            redis.startAgain();
            awaitTrue(late::connected, "connected once Redis is there");
            assertEquals(List.of(true), changes);
        }
    }

    @Test
    void aSilentChannelCountsAsLostUntilItsHeartbeatReturns() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedisInvalidationBus bus = open(redis.uri());
            Recorder recorder = new Recorder();
            bus.subscribe(recorder);
            List<Boolean> changes = recorder.connectionChanges;
            awaitTrue(bus::connected, "connected");
            // the server stops answering everyone for a while, but no connection drops
            pauseClients(redis, 3500);
            awaitTrue(() -> changes.contains(false), "silence is reported as a lost channel");
            assertFalse(bus.connected());
            awaitTrue(() -> changes.size() >= 2 && changes.get(changes.size() - 1), "the returning heartbeat is reported");
            awaitTrue(bus::connected, "connected again");
        }
    }

    @Test
    void aLateChannelStopsBeingCurrentWithinTheBoundWithoutCountingAsLost() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedisInvalidationBus bus = open(redis.uri());
            Recorder recorder = new Recorder();
            bus.subscribe(recorder);
            List<Boolean> changes = recorder.connectionChanges;
            awaitTrue(bus::current, "current");
            assertEquals(Duration.ofMillis(100), bus.maxStaleness());
            List<Boolean> before = List.copyOf(changes);
            // a pause far shorter than the silence timeout: messages are late, not lost
            pauseClients(redis, 800);
            long pausedAt = System.nanoTime();
            awaitTrue(() -> !bus.current(), "no longer current while its heartbeat is late");
            assertTrue(System.nanoTime() - pausedAt < Duration.ofMillis(700).toNanos(),
                    "stopped being current well within the pause");
            awaitTrue(bus::current, "current again once the heartbeat is back");
            assertEquals(before, changes, "a late channel is not a lost one: no flush");
        }
    }

    /** Makes the server stop answering every client for {@code millis}, without dropping a connection. */
    private static void pauseClients(RedisServerProcess redis, long millis) {
        RedisClient admin = RedisClient.create(redis.uri());
        try (var connection = admin.connect()) {
            connection.sync().clientPause(millis);
        } finally {
            admin.shutdown();
        }
    }
}
