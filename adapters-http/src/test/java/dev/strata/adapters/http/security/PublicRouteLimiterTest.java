package dev.strata.adapters.http.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.http.testing.FakeProbe;
import dev.strata.adapters.http.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublicRouteLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private PublicRouteLimiter limiter(int limit, int maxAddresses) {
        return new PublicRouteLimiter(new PublicRouteLimitSettings(limit, Duration.ofSeconds(10), maxAddresses), now::get);
    }

    @Test
    void admitsTheLimitPerAddressPerWindowThenRefusesUntilTheNextWindow() {
        PublicRouteLimiter limiter = limiter(3, 100);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.admit("10.0.0.1"));
        }
        assertFalse(limiter.admit("10.0.0.1"));
        assertTrue(limiter.admit("10.0.0.2"), "another address has its own count");
        assertEquals(10_000, limiter.millisToNextWindow());

        now.addAndGet(10_000);
        assertTrue(limiter.admit("10.0.0.1"), "a new window starts every count again");
    }

    @Test
    void addressesBeyondTheBoundShareOneCount() {
        PublicRouteLimiter limiter = limiter(2, 2);
        assertTrue(limiter.admit("a"));
        assertTrue(limiter.admit("b"));
        assertTrue(limiter.admit("c"));
        assertTrue(limiter.admit("d"));
        assertFalse(limiter.admit("e"), "c, d and e share the overflow count of 2");
        assertTrue(limiter.admit("a"), "known addresses keep their own count");
    }

    @Test
    void zeroTurnsItOffAndNonsenseIsRefused() {
        PublicRouteLimiter off = limiter(0, 1);
        for (int i = 0; i < 100; i++) {
            assertTrue(off.admit("a"));
        }
        assertThrows(IllegalArgumentException.class, () -> new PublicRouteLimitSettings(-1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new PublicRouteLimitSettings(1, Duration.ZERO, null));
    }

    @Test
    void theFilterAnswers429ProblemsOnPublicRoutesOnly() {
        try (TestServer server = TestServer.start(Map.of("strata.http.public-routes.limit", 2, "strata.http.public-routes.window", "1h"),
                new FakeProbe("redis", true), new FakeProbe("postgres", true))) {
            assertEquals(200, server.get("/health/liveness").statusCode());
            assertEquals(200, server.get("/health/liveness").statusCode());
            HttpResponse<String> refused = server.get("/health/liveness");
            assertEquals(429, refused.statusCode());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertTrue(refused.body().contains("too_many_requests"), refused.body());
            for (int i = 0; i < 3; i++) {
                assertTrue(server.get("/v1/ping").statusCode() != 429, "API routes are not counted here");
            }
        }
    }
}
