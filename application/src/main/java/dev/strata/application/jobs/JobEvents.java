package dev.strata.application.jobs;

import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobChange;
import dev.strata.domain.jobs.QueueName;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes job state changes as events of type {@code job.<state>} on the queue's topic {@code jobs.{q}}, inside the
 * caller's unit of work. The data never carries a payload its creator marked secret, nor the result or last error
 * text (they may quote it): only ids, states, counters and timestamps, and the public payload.
 */
final class JobEvents {
    static final String SOURCE = "strata/jobs";

    private final EventLog log;
    /** How many events this thread appended so far: tells a unit of work whether it published anything. */
    private final ThreadLocal<long[]> appended = ThreadLocal.withInitial(() -> new long[1]);

    JobEvents(EventLog log) {
        this.log = log;
    }

    long appendedHere() {
        return appended.get()[0];
    }

    /** Changes in the given order: one append per topic (one insert, one numbering after the commit). */
    void publish(Collection<JobChange> changes, Instant now) {
        Map<String, List<EventLog.Pending>> byTopic = new LinkedHashMap<>();
        for (JobChange change : changes) {
            byTopic.computeIfAbsent(change.job().queue().topic(), t -> new ArrayList<>()).add(new EventLog.Pending(
                    NewEvent.ofUtf8(SOURCE, change.eventType(), now.truncatedTo(ChronoUnit.MILLIS), data(change)),
                    Optional.empty()));
        }
        byTopic.forEach((topic, pending) -> {
            appended.get()[0] += pending.size();
            log.appendOnCommit(Topic.of(topic), pending);
        });
    }

    void publish(Optional<JobChange> change, Instant now) {
        change.ifPresent(c -> publish(c, now));
    }

    void publish(JobChange change, Instant now) {
        publish(List.of(change), now);
    }

    /** A pause or resume of the queue: type {@code queue.paused} or {@code queue.resumed}, data its name and state. */
    void publishQueue(QueueName queue, boolean paused, Instant now) {
        appended.get()[0]++;
        log.appendOnCommit(Topic.of(queue.topic()), NewEvent.ofUtf8(SOURCE, paused ? "queue.paused" : "queue.resumed",
                now.truncatedTo(ChronoUnit.MILLIS), "{\"queue\":" + quote(queue.value()) + ",\"paused\":" + paused + "}"),
                Optional.empty());
    }

    /** The event data: the job's id, queue, type, states, attempts, progress and (public) payload. */
    static String data(JobChange change) {
        Job job = change.job();
        StringBuilder out = new StringBuilder(128);
        out.append("{\"id\":").append(quote(job.id().toString()))
                .append(",\"queue\":").append(quote(job.queue().value()))
                .append(",\"type\":").append(quote(job.type()))
                .append(",\"state\":").append(quote(job.state().wire()))
                .append(",\"previous\":").append(change.previous().map(s -> quote(s.wire())).orElse("null"))
                .append(",\"attempts\":").append(job.attempts())
                .append(",\"maxAttempts\":").append(job.maxAttempts())
                .append(",\"progress\":").append(job.progress().percent())
                .append(",\"runAt\":").append(quote(job.runAt().toString()));
        job.worker().ifPresent(worker -> out.append(",\"worker\":").append(quote(worker)));
        out.append(",\"secretPayload\":").append(job.secretPayload());
        job.publicPayload().ifPresent(payload -> out.append(",\"payload\":").append(payload));
        return out.append('}').toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** What a waiting claim learns from a job event's data: the job's type, its previous state and its run time. */
    record Facts(String type, Optional<String> previous, Optional<Instant> runAt) {
    }

    /** Reads {@link Facts} from data that {@link #data} wrote; empty when the data is not of that shape. */
    static Optional<Facts> facts(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        Optional<String> type = field(text, "type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> runAt;
        try {
            runAt = field(text, "runAt").map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            runAt = Optional.empty();
        }
        return Optional.of(new Facts(type.get(), field(text, "previous"), runAt));
    }

    /** The first string value of {@code "name":} in {@code text} (the job's own fields come before its payload). */
    private static Optional<String> field(String text, String name) {
        String key = "\"" + name + "\":\"";
        int at = text.indexOf(key);
        if (at < 0) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = at + key.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return Optional.of(out.toString());
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                if (next == 'u' && i + 4 < text.length()) {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return Optional.empty();
    }
}
