package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    @Test
    void standsStillUntilSetOrAdvanced() {
        MutableClock clock = new MutableClock();
        assertEquals(MutableClock.DEFAULT_START, clock.now());
        assertEquals(MutableClock.DEFAULT_START, clock.now());
        assertEquals(MutableClock.DEFAULT_START.plusSeconds(90), clock.advance(Duration.ofSeconds(90)));
        assertEquals(MutableClock.DEFAULT_START.plusSeconds(90), clock.now());
        Instant later = Instant.parse("2031-06-01T12:00:00Z");
        clock.set(later);
        assertEquals(later, clock.now());
    }
}
