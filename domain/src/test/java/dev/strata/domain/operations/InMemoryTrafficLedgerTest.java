package dev.strata.domain.operations;

import dev.strata.domain.operations.port.TrafficLedger;

/** The traffic ledger contract against the in-memory fake. */
class InMemoryTrafficLedgerTest extends TrafficLedgerContract {
    @Override
    protected TrafficLedger createSubject() {
        return new InMemoryTrafficLedger();
    }
}
