package dev.strata.domain.vectors;

import dev.strata.domain.vectors.port.VectorIndex;

class InMemoryVectorIndexTest extends VectorIndexContract {
    @Override
    protected VectorIndex createSubject() {
        return new InMemoryVectorIndex();
    }
}
