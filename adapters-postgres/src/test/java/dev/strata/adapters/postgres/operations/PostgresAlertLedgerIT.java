package dev.strata.adapters.postgres.operations;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.operations.AlertLedgerContract;
import dev.strata.domain.operations.port.AlertLedger;

/** The alert ledger contract against real Postgres (table ops_alerts, advisory lock). */
class PostgresAlertLedgerIT extends AlertLedgerContract {
    @Override
    protected AlertLedger createSubject() {
        return PostgresTestContext.shared().getBean(PostgresAlertLedger.class);
    }
}
