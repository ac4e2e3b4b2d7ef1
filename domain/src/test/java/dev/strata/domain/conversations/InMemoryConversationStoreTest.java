package dev.strata.domain.conversations;

import dev.strata.domain.conversations.port.ConversationStore;

class InMemoryConversationStoreTest extends ConversationStoreContract {
    @Override
    protected ConversationStore createSubject() {
        return new InMemoryConversationStore();
    }
}
