package dev.strata.domain.vectors;

import dev.strata.domain.shared.MutableClock;
import java.time.Duration;

class InMemoryHotVectorsTest extends HotVectorsContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected Subject createSubject(int maxCopies, Duration window, int threshold) {
        InMemorySearchResultCache stamps = new InMemorySearchResultCache(clock, Duration.ofMinutes(5), 100, Duration.ofMinutes(5));
        return new Subject(new InMemoryHotVectors(clock, stamps, maxCopies, window, threshold), stamps);
    }
}
