package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;

/** The JSON body of a password-reset webhook delivery (the tenant's slug as {@code tenant}, as in /v1/auth). */
@Serdeable
public record ResetWebhookBody(String tenant, String userId, String email, String token, String expiresAt, String requestId) {
    @Override
    public String toString() {
        return "ResetWebhookBody[tenant=" + tenant + ", userId=" + userId + ", requestId=" + requestId + ", token=(redacted)]";
    }
}
