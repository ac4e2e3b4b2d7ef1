package dev.strata.application.secrets;

import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The vault's {@link SecretChanges} as events: {@code secret.<change>} on the tenant's topic {@value #TOPIC_NAME},
 * subject and data = the secret's name and version (never a value), appended to the event log inside the caller's
 * unit of work, so that the event commits, or rolls back, with the change itself.
 */
public final class SecretEvents implements SecretChanges {
    public static final String TOPIC_NAME = "secrets";
    public static final Topic TOPIC = Topic.of(TOPIC_NAME);
    public static final String SOURCE = "/strata/secrets";

    private final EventLog log;
    private final Clock clock;

    public SecretEvents(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void changed(Change change, ResourceName name, int version) {
        log.appendOnCommit(TOPIC, new NewEvent(UUID.randomUUID().toString(), SOURCE, type(change), Optional.of(name.value()),
                clock.now().truncatedTo(ChronoUnit.MILLIS), data(name, version)), Optional.empty());
    }

    /** The event type of a change: {@code secret.created}, {@code secret.rotation_due}... */
    public static String type(Change change) {
        return "secret." + change.name().toLowerCase(Locale.ROOT);
    }

    static byte[] data(ResourceName name, int version) {
        // a resource name holds only [a-z0-9._-]: nothing to escape
        return ("{\"name\":\"" + name.value() + "\",\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8);
    }
}
