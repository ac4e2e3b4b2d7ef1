package dev.strata.domain.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.operations.port.AlertLedger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link AlertLedger}: opened alerts are kept with their finding and since, resolved ones are gone,
 * and while one evaluation holds the lock another is refused at once without running its step. The ledger is
 * cluster-wide, so every test uses keys of its own and looks only at them. The in-memory fake and the Postgres
 * adapter extend it.
 */
public abstract class AlertLedgerContract {
    protected AlertLedger ledger;

    /** Hook: the ledger under test; called before each test. */
    protected abstract AlertLedger createSubject();

    @BeforeEach
    void createLedger() {
        ledger = createSubject();
    }

    private static Alert alert(String key, Severity severity) {
        return new Alert(new Finding("stream.lag", key, severity, "message of " + key, "action of " + key),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private Map<String, Alert> open() {
        AtomicReference<Map<String, Alert>> seen = new AtomicReference<>();
        assertTrue(ledger.reconcile(open -> {
            seen.set(open);
            return new AlertLedger.Changes(List.of(), List.of());
        }));
        return seen.get();
    }

    @Test
    void openedAlertsAreKeptUntilResolved() {
        String key = "stream.lag:" + UUID.randomUUID();
        Alert opened = alert(key, Severity.CRITICAL);
        assertFalse(open().containsKey(key));
        assertTrue(ledger.reconcile(open -> new AlertLedger.Changes(List.of(opened), List.of())));
        Alert kept = open().get(key);
        assertEquals(opened, kept, "finding, severity, message, action and since come back as stored");
        assertTrue(ledger.reconcile(open -> new AlertLedger.Changes(List.of(alert(key, Severity.WARNING)), List.of())));
        assertEquals(opened, open().get(key), "an alert already open stays as first stored");
        assertTrue(ledger.reconcile(open -> new AlertLedger.Changes(List.of(), List.of(key))));
        assertFalse(open().containsKey(key));
    }

    @Test
    void anEvaluationJudgedBeforeAStoredOneIsRefused() {
        String key = "stream.lag:" + UUID.randomUUID();
        long judgedAt = ledger.round();
        assertTrue(ledger.reconcile(ledger.round(), open -> new AlertLedger.Changes(List.of(alert(key, Severity.WARNING)), List.of())));
        AtomicBoolean ran = new AtomicBoolean();
        assertFalse(ledger.reconcile(judgedAt, open -> {
            ran.set(true);
            return new AlertLedger.Changes(List.of(), List.of(key));
        }), "findings older than the stored evaluation do not resolve what it opened");
        assertFalse(ran.get());
        assertTrue(open().containsKey(key));
        assertTrue(ledger.reconcile(open -> new AlertLedger.Changes(List.of(), List.of(key))));
        assertFalse(open().containsKey(key));
    }

    @Test
    void oneEvaluationAtATime() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> ledger.reconcile(open -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AlertLedger.Changes(List.of(), List.of());
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        AtomicBoolean ran = new AtomicBoolean();
        boolean second = CompletableFuture.supplyAsync(() -> ledger.reconcile(open -> {
            ran.set(true);
            return new AlertLedger.Changes(List.of(), List.of());
        })).get(10, TimeUnit.SECONDS);
        release.countDown();
        assertTrue(holder.get(10, TimeUnit.SECONDS));
        assertFalse(second, "refused while the other holds the lock");
        assertFalse(ran.get(), "its step never ran");
        assertTrue(ledger.reconcile(open -> new AlertLedger.Changes(List.of(), List.of())), "free again afterwards");
    }
}
