package dev.strata.adapters.postgres.operations;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.operations.TrafficLedgerContract;
import dev.strata.domain.operations.port.TrafficLedger;

/** The traffic ledger contract against real Postgres (table ops_traffic_samples). */
class PostgresTrafficLedgerIT extends TrafficLedgerContract {
    @Override
    protected TrafficLedger createSubject() {
        return PostgresTestContext.shared().getBean(PostgresTrafficLedger.class);
    }
}
