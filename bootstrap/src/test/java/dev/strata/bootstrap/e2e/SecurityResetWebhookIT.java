package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.identity.port.TenantDirectory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Password-reset tokens travel only to the signed webhook of the tenant's mailer: deliveries are signed
 * (a receiver with another key refuses them, and they are not retried), failures are retried with
 * backoff, every outcome is counted in Prometheus, a deployment without a webhook still answers 202 and
 * counts the reset as dropped, and a webhook URL without a signing key stops the start outside dev mode.
 */
class SecurityResetWebhookIT {

    @Test
    void failedDeliveriesAreRetriedUntilTheMailerTakesThem() throws InterruptedException {
        try (ResetWebhookReceiver webhook = ResetWebhookReceiver.start();
             StrataInstance a = StrataInstance.start(SessionsFixturesIT.props(webhook.properties()))) {
            webhook.failNext.set(2);
            Reset reset = requestReset(a);
            String token = webhook.awaitToken(reset.email());
            assertTrue(token.startsWith(reset.tenantId() + "."), "a reset token of the tenant");
            assertEquals(3, webhook.attempts.get(), "two refusals, then the delivery");
            assertEquals(1, webhook.deliveriesFor(reset.email()).size());
            ResetWebhookReceiver.Delivery delivery = webhook.deliveriesFor(reset.email()).get(0);
            assertEquals(reset.slug(), delivery.tenant());
            assertEquals(reset.userId(), delivery.userId());
            awaitCounter(a, "delivered", 1.0);
            assertEquals(2.0, counter(a.get("/prometheus", null).body(), "retried"), 0.0);
            assertEquals(204, a.postJson("/v1/auth/password-reset/confirm", null,
                    "{\"token\":\"" + token + "\",\"newPassword\":\"a brand new passphrase\"}").status());
        }
    }

    @Test
    void aDeliveryWithTheWrongSignatureIsRefusedAndNotRetried() throws InterruptedException {
        try (ResetWebhookReceiver webhook = ResetWebhookReceiver.start()) {
            Map<String, Object> properties = new HashMap<>(webhook.properties());
            properties.put("strata.auth.reset-webhook.secret", "another-key-than-the-mailers-0123456789-abc");
            try (StrataInstance a = StrataInstance.start(SessionsFixturesIT.props(properties))) {
                Reset reset = requestReset(a);
                awaitCounter(a, "failed", 1.0);
                assertEquals(0.0, counter(a.get("/prometheus", null).body(), "retried"), 0.0, "a refusal (401) is final");
                assertEquals(1, webhook.rejectedSignatures.get());
                assertEquals(1, webhook.attempts.get());
                assertTrue(webhook.deliveriesFor(reset.email()).isEmpty());
            }
        }
    }

    @Test
    void withoutAWebhookTheResetIsAnsweredTheSameAndCountedAsDropped() throws InterruptedException {
        try (StrataInstance a = StrataInstance.start(SessionsFixturesIT.props(Map.of()))) {
            Reset reset = requestReset(a);
            assertEquals(1.0, counter(a.get("/prometheus", null).body(), "dropped"), 0.0);
            // the audit event is still published, without the credential
            String admin = Tenants.adminToken(a, reset.tenant());
            String history = "";
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!history.contains("auth.password_reset.requested") && System.nanoTime() < deadline) {
                history = a.get("/v1/topics/auth-notifications/events?after=0", admin).body();
                Thread.sleep(50);
            }
            assertTrue(history.contains("\"userId\":\"" + reset.userId() + "\""), history);
            assertTrue(history.contains("\"requestId\""), history);
            assertFalse(history.contains("\"token\""), history);
            assertFalse(history.contains(reset.email()), history);
        }
    }

    @Test
    void aWebhookWithoutASigningKeyIsRefusedAtStartOutsideDevMode() {
        RuntimeException missing = assertThrows(RuntimeException.class, () -> StrataInstance.start(
                Map.of("strata.auth.reset-webhook.url", "http://127.0.0.1:9/mailer")).close());
        assertTrue(rootMessage(missing).contains("STRATA_AUTH_RESET_WEBHOOK_SECRET"),
                rootMessage(missing));
        RuntimeException tooShort = assertThrows(RuntimeException.class, () -> StrataInstance.start(
                Map.of("strata.auth.reset-webhook.url", "http://127.0.0.1:9/mailer", "strata.auth.reset-webhook.secret", "short")).close());
        assertTrue(rootMessage(tooShort).contains("at least 32 bytes"), rootMessage(tooShort));
        RuntimeException userInfo = assertThrows(RuntimeException.class, () -> StrataInstance.start(
                Map.of("strata.auth.reset-webhook.url", "http://user:pw@127.0.0.1:9/mailer",
                        "strata.auth.reset-webhook.secret", ResetWebhookReceiver.SECRET)).close());
        assertTrue(rootMessage(userInfo).contains("user info"), rootMessage(userInfo));
    }

    private static String rootMessage(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }

    /** A registered user of a fresh tenant whose reset was requested (answered 202). */
    private record Reset(TenantCreated tenant, String tenantId, String slug, String userId, String email) {
    }

    private static Reset requestReset(StrataInstance instance) {
        TenantCreated tenant = Tenants.create(instance);
        String slug = instance.context.getBean(TenantDirectory.class).findById(tenant.tenantId()).orElseThrow().slug().value();
        String email = SessionsFixturesIT.newEmail();
        String userId = SessionsFixturesIT.register(instance, slug, email);
        assertEquals(202, instance.postJson("/v1/auth/password-reset", null,
                "{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\"}").status());
        return new Reset(tenant, tenant.tenantId().toString(), slug, userId, email);
    }

    /** Waits (up to 20 s) until the counter of {@code outcome} reaches {@code value}, then asserts it is exactly that. */
    private static void awaitCounter(StrataInstance instance, String outcome, double value) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (counter(instance.get("/prometheus", null).body(), outcome) < value && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(value, counter(instance.get("/prometheus", null).body(), outcome), 0.0, outcome);
    }

    private static double counter(String prometheus, String outcome) {
        Matcher m = Pattern.compile("(?m)^strata_auth_reset_webhook_total\\{outcome=\"" + outcome + "\"[^}]*} ([0-9.eE+-]+)$")
                .matcher(prometheus);
        if (!m.find()) {
            throw new AssertionError("no reset webhook counter for " + outcome + " in /prometheus");
        }
        return Double.parseDouble(m.group(1));
    }
}
