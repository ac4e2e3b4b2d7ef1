package dev.strata.domain.operations;

import dev.strata.domain.operations.port.AlertLedger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** In-memory fake of {@link AlertLedger}: one map behind a try-lock. */
public final class InMemoryAlertLedger implements AlertLedger {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Alert> open = new LinkedHashMap<>();
    private volatile long round;

    @Override
    public long round() {
        return round;
    }

    @Override
    public boolean reconcile(long expected, Function<Map<String, Alert>, Changes> step) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (round != expected) {
                return false;
            }
            round++;
            Changes changes = step.apply(Map.copyOf(open));
            changes.opened().forEach(alert -> open.putIfAbsent(alert.finding().key(), alert));
            changes.resolved().forEach(open::remove);
            return true;
        } finally {
            lock.unlock();
        }
    }
}
