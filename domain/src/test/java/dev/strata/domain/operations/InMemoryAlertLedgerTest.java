package dev.strata.domain.operations;

import dev.strata.domain.operations.port.AlertLedger;

/** The alert ledger contract against the in-memory fake. */
class InMemoryAlertLedgerTest extends AlertLedgerContract {
    @Override
    protected AlertLedger createSubject() {
        return new InMemoryAlertLedger();
    }
}
