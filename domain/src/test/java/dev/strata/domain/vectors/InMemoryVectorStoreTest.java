package dev.strata.domain.vectors;

import dev.strata.domain.vectors.port.VectorCollections;
import dev.strata.domain.vectors.port.VectorStore;

class InMemoryVectorStoreTest extends VectorStoreContract {
    private InMemoryVectorCollections collections;

    @Override
    protected VectorCollections createCollections() {
        collections = new InMemoryVectorCollections();
        return collections;
    }

    @Override
    protected VectorStore createStore() {
        return new InMemoryVectorStore(collections);
    }
}
