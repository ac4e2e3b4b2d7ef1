package dev.strata.application.identity;

import dev.strata.application.identity.port.RequestPasswordResetCommand;
import dev.strata.application.identity.port.RequestPasswordResetUseCase;
import dev.strata.application.shared.TokenHashes;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.identity.PasswordResetNotice;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.User;
import dev.strata.domain.identity.port.PasswordResetNotifier;
import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Service implementing {@link RequestPasswordResetUseCase}: a 256-bit single-use token, stored as a
 * SHA-256 hash and handed to the {@link PasswordResetNotifier} only. When an event log is present the
 * fact of the request is published too — {@code auth.password_reset.requested} on the tenant's topic
 * {@code auth-notifications} with {@code userId}, {@code requestId} and {@code expiresAt}, never the
 * token or the email. Unknown tenants and emails do nothing and look the same to the caller.
 */
public class RequestPasswordResetService implements RequestPasswordResetUseCase {
    public static final Topic TOPIC = Topic.of("auth-notifications");
    public static final String TYPE = "auth.password_reset.requested";

    private final TenantDirectory tenants;
    private final UserDirectory users;
    private final PasswordResets resets;
    private final PasswordResetNotifier notifier;
    private final Optional<EventLog> events;
    private final Duration tokenTtl;
    private final Clock clock;

    public RequestPasswordResetService(TenantDirectory tenants, UserDirectory users, PasswordResets resets,
                                       PasswordResetNotifier notifier, Optional<EventLog> events, Duration tokenTtl, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.resets = resets;
        this.notifier = notifier;
        this.events = events;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
    }

    @Override
    public void requestReset(RequestPasswordResetCommand command) {
        Optional<Tenant> tenant = tenants.findBySlug(command.tenant());
        if (tenant.isEmpty()) {
            return;
        }
        TenantContext.runAs(tenant.get().id(), () -> {
            Optional<User> user = users.findByEmail(command.email());
            if (user.isEmpty()) {
                return;
            }
            String token = TokenHashes.newToken(tenant.get().id());
            Instant now = clock.now();
            Instant expiresAt = now.plus(tokenTtl);
            String requestId = UUID.randomUUID().toString();
            resets.save(TokenHashes.hash(token), user.get().id(), expiresAt);
            // the audit fact first: a reset that reached the user always has its event
            events.ifPresent(log -> log.appendOnCommit(TOPIC, NewEvent.ofUtf8("/v1/auth", TYPE, now, auditJson(user.get(), requestId, expiresAt)),
                    Optional.empty()));
            notifier.resetRequested(new PasswordResetNotice(tenant.get().id(), tenant.get().slug(), user.get().id(),
                    user.get().email(), token, expiresAt, requestId));
        });
    }

    /** The event's data: who and when, never the token nor the email. */
    static String auditJson(User user, String requestId, Instant expiresAt) {
        return "{\"userId\":" + quote(user.id().value()) + ",\"requestId\":" + quote(requestId) + ",\"expiresAt\":"
                + quote(expiresAt.toString()) + "}";
    }

    /** A JSON string literal (the values are ids and ISO times; escaping is for safety). */
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
