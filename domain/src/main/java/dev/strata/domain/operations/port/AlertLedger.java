package dev.strata.domain.operations.port;

import dev.strata.domain.operations.Alert;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Driven port: the alerts the cluster has delivered as open, kept durably, so that a restart or another instance
 * neither sends an open alert again nor forgets to send its resolution. Works without a tenant context; throws
 * {@link dev.strata.domain.shared.StoreUnavailableException} when its store is unreachable.
 */
public interface AlertLedger {
    /** What one evaluation changes: alerts that start, keys of alerts that stop. */
    record Changes(List<Alert> opened, List<String> resolved) {
        public Changes {
            opened = List.copyOf(opened);
            resolved = List.copyOf(resolved);
        }
    }

    /** The number of evaluations stored so far: read before judging, handed back to {@link #reconcile(long, Function)}. */
    long round();

    /**
     * Under a cluster-wide exclusive lock, hands the open alerts (by finding key) to {@code step} and stores the
     * changes it returns, atomically, counting one more round. Returns false at once, doing nothing, while another
     * instance holds the lock, or when another evaluation was stored since {@code round} was read: findings judged
     * before that one are older than it and must not undo it.
     */
    boolean reconcile(long round, Function<Map<String, Alert>, Changes> step);

    /** {@link #reconcile(long, Function)} of the current round. */
    default boolean reconcile(Function<Map<String, Alert>, Changes> step) {
        return reconcile(round(), step);
    }
}
