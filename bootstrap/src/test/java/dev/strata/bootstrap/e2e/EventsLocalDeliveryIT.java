package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A feed takes this instance's own publishes directly: with no relay running anywhere (so nothing reaches the
 * live stream) and the periodic check an hour apart, the events still arrive, in order.
 */
class EventsLocalDeliveryIT {
    private static StrataInstance solo;
    private static String token;

    @BeforeAll
    static void start() {
        solo = StrataInstance.start(Map.of("strata.events.relay-enabled", false,
                "strata.events.sse-poll-interval", "1h"));
        TenantCreated tenant = Tenants.create(solo);
        token = Tenants.adminToken(solo, tenant);
    }

    @AfterAll
    static void stop() {
        solo.close();
    }

    @Test
    void aLocalPublishReachesTheFeedWithoutTheRelay() throws Exception {
        String topic = "local-" + Long.toString(System.nanoTime(), 36);
        EventsClient.publish(solo, token, topic, "{\"n\":1}");
        try (EventsClient.Sse sse = new EventsClient.Sse(solo, token, topic, "0")) {
            assertEquals(200, sse.status);
            EventsClient.Frame history = sse.nextEvent(20_000);
            assertNotNull(history, "the first check sends history");
            assertEquals("1", history.id());
            for (int n = 2; n <= 4; n++) {
                EventsClient.publish(solo, token, topic, "{\"n\":" + n + "}");
            }
            for (int n = 2; n <= 4; n++) {
                EventsClient.Frame frame = sse.nextEvent(20_000);
                assertNotNull(frame, "event " + n + " arrived without relay or periodic check");
                assertEquals(Integer.toString(n), frame.id());
            }
        }
    }
}
