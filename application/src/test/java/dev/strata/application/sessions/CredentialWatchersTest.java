package dev.strata.application.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialWatchersTest {
    private final CredentialWatchers<String> watchers = new CredentialWatchers<>();

    @Test
    void everyWatcherOfTheKeyHearsItAndOnlyThose() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        watchers.watch("s:1", first::incrementAndGet);
        watchers.watch("s:1", second::incrementAndGet);
        watchers.watch("s:2", other::incrementAndGet);

        watchers.tell("s:1");

        assertEquals(1, first.get());
        assertEquals(1, second.get());
        assertEquals(0, other.get());
        assertEquals(3, watchers.count());
    }

    @Test
    void aFailingWatcherDoesNotSilenceTheOthers() {
        AtomicInteger heard = new AtomicInteger();
        watchers.watch("c:1", () -> {
            throw new IllegalStateException("boom");
        });
        watchers.watch("c:1", heard::incrementAndGet);

        watchers.tell("c:1");

        assertEquals(1, heard.get());
    }

    @Test
    void aClosedWatchHearsNothingAndIsForgotten() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        AutoCloseable handle = watchers.watch("c:1", heard::incrementAndGet);

        handle.close();
        watchers.tell("c:1");

        assertEquals(0, heard.get());
        assertEquals(0, watchers.count());
    }
}
