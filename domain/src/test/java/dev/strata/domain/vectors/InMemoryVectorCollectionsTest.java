package dev.strata.domain.vectors;

import dev.strata.domain.vectors.port.VectorCollections;

class InMemoryVectorCollectionsTest extends VectorCollectionsContract {
    @Override
    protected VectorCollections createCollections() {
        return new InMemoryVectorCollections();
    }
}
