package dev.strata.adapters.redis.events;

import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;

/** Key codec of the events area: every key and channel is {@code strata:{tenant}:events:<topic>:...}. */
final class EventKeys {
    /** The pseudo-consumer that holds replayed dead letters until a reader claims them. */
    static final String REPLAY_CONSUMER = "strata-replay";

    private EventKeys() {
    }

    private static String prefix(Topic topic) {
        return "strata:{" + TenantContext.require() + "}:events:" + topic.value() + ":";
    }

    static String stream(Topic topic) {
        return prefix(topic) + "stream";
    }

    /** The tenant's open SSE streams (per tenant, not per topic); every topic key has one more {@code :<part>}. */
    static String openStreams(TenantId tenant) {
        return "strata:{" + tenant + "}:events:sse-open";
    }

    static String channel(Topic topic) {
        return prefix(topic) + "live";
    }

    /** Stream entry id of a sequence: the sequence is the time part, so ids grow with it and repeat never. */
    static String entryId(long sequence) {
        return sequence + "-0";
    }

    static long sequenceOf(String entryId) {
        int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }
}
