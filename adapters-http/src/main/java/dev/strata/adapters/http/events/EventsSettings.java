package dev.strata.adapters.http.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the events area ({@code strata.events.*}).
 *
 * @param visibilityTimeout an event delivered to a group and not acknowledged this long goes to the next reader (30s)
 * @param maxDeliveries     deliveries after which an event goes to the group's dead letters (5)
 * @param retention         how long Postgres keeps events (7d)
 * @param relayEnabled      whether this instance runs the relay (true; every instance may, one relays a topic at a time)
 * @param relayInterval     how often each instance's relay looks for events committed elsewhere (100ms)
 * @param relayBatch        events relayed per step (500)
 * @param streamMaxLength   entries kept per topic stream in Redis, more while a group still needs them (100000)
 * @param heartbeat         interval of SSE heartbeat comments (15s)
 * @param ssePollInterval   how often an SSE feed checks for events its live channel missed (1s)
 * @param sseBuffer         events buffered per SSE client before it is disconnected as too slow (1000)
 */
@ConfigurationProperties("strata.events")
public record EventsSettings(@Bindable(defaultValue = "30s") Duration visibilityTimeout,
                             @Bindable(defaultValue = "5") int maxDeliveries,
                             @Bindable(defaultValue = "7d") Duration retention,
                             @Bindable(defaultValue = "true") boolean relayEnabled,
                             @Bindable(defaultValue = "100ms") Duration relayInterval,
                             @Bindable(defaultValue = "500") int relayBatch,
                             @Bindable(defaultValue = "100000") long streamMaxLength,
                             @Bindable(defaultValue = "15s") Duration heartbeat,
                             @Bindable(defaultValue = "1s") Duration ssePollInterval,
                             @Bindable(defaultValue = "1000") int sseBuffer) {
}
