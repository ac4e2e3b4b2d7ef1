package dev.strata.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimRateWindowTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void theWindowIsOneSecondFromRateOneAndLongerBelow() {
        assertEquals(Duration.ofSeconds(1), ClaimRateWindow.window(1));
        assertEquals(Duration.ofSeconds(1), ClaimRateWindow.window(250));
        assertEquals(Duration.ofSeconds(4), ClaimRateWindow.window(0.25));
        assertEquals(1, ClaimRateWindow.capacity(0.25));
        assertEquals(2, ClaimRateWindow.capacity(2.5), "a fraction above 1 is cut, never rounded up");
        assertEquals(1_000_000, ClaimRateWindow.capacity(1_000_000));
    }

    @Test
    void claimsCountUntilOneWindowHasPassed() {
        ClaimRateWindow window = ClaimRateWindow.EMPTY.plus(T, 10, 4).plus(T.plusMillis(500), 10, 5);
        assertEquals(1, window.room(T.plusMillis(600), 10));
        assertEquals(1, window.room(T.plusMillis(999), 10));
        assertEquals(5, window.room(T.plusMillis(1000), 10));
        assertEquals(10, window.room(T.plusMillis(1500), 10));
        assertEquals(1, window.plus(T.plusMillis(1000), 10, 0).claimedAt().size(), "old claims are dropped");
    }
}
