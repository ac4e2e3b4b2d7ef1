package dev.strata.application.sessions;

import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.sessions.Email;
import dev.strata.domain.sessions.UserId;
import dev.strata.domain.sessions.port.PasswordResetNotifier;
import dev.strata.domain.shared.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The default {@link PasswordResetNotifier}: publishes {@code auth.password_reset.requested} on the
 * tenant's topic {@code auth-notifications} (readable only with {@code admin}), for the tenant's own
 * mailer to deliver. The event carries the token: the topic is the delivery channel.
 */
public final class EventPasswordResetNotifier implements PasswordResetNotifier {
    public static final Topic TOPIC = Topic.of("auth-notifications");
    public static final String TYPE = "auth.password_reset.requested";

    private final EventLog events;
    private final Clock clock;

    public EventPasswordResetNotifier(EventLog events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void resetRequested(UserId userId, Email email, String token, Instant expiresAt) {
        String json = "{\"userId\":" + quote(userId.value()) + ",\"email\":" + quote(email.value()) + ",\"token\":"
                + quote(token) + ",\"expiresAt\":" + quote(expiresAt.toString()) + "}";
        events.append(TOPIC, NewEvent.ofUtf8("/v1/auth", TYPE, clock.now(), json), Optional.empty());
    }

    /** A JSON string literal (the values are ids, emails, base64url and ISO times; escaping is for safety). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
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
}
