package dev.strata.domain.identity;

import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Value object: what the user's mailer needs to deliver one password reset — the single-use token
 * with its owner, expiry and the id of the request (shared with the audit event, which never carries
 * the token). {@link #toString()} leaves the token out, so the notice cannot leak it into a log line.
 */
public record PasswordResetNotice(TenantId tenantId, TenantSlug tenant, UserId userId, Email email, String token,
                                  Instant expiresAt, String requestId) {
    public PasswordResetNotice {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(userId, "userId must not be null");
        Objects.requireNonNull(email, "email must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("requestId must not be blank");
        }
    }

    @Override
    public String toString() {
        return "PasswordResetNotice[tenant=" + tenant + ", userId=" + userId + ", requestId=" + requestId
                + ", expiresAt=" + expiresAt + ", token=(redacted)]";
    }
}
