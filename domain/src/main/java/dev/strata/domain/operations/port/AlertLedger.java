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

    /**
     * Under a cluster-wide exclusive lock, hands the open alerts (by finding key) to {@code step} and stores the
     * changes it returns, atomically. Returns false at once, doing nothing, while another instance holds the lock.
     */
    boolean reconcile(Function<Map<String, Alert>, Changes> step);
}
