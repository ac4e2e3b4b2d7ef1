package dev.strata.adapters.postgres.conversations;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.conversations.ConversationStoreContract;
import dev.strata.domain.conversations.port.ConversationStore;
import dev.strata.domain.shared.TenantId;

/** The conversation store contract against real Postgres (with row-level security). */
class PostgresConversationStoreIT extends ConversationStoreContract {
    @Override
    protected ConversationStore createSubject() {
        return PostgresTestContext.shared().getBean(PostgresConversationStore.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}
