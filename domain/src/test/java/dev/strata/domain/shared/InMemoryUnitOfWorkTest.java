package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InMemoryUnitOfWorkTest extends UnitOfWorkContract {
    private final InMemoryUnitOfWork fake = new InMemoryUnitOfWork();

    @Override
    protected UnitOfWork createSubject() {
        return fake;
    }

    @Test
    void countsOnlyOutermostUnitsAndKnowsWhenItIsActive() {
        assertFalse(fake.active());
        fake.run(() -> {
            assertTrue(fake.active());
            fake.run(() -> assertTrue(fake.active()));
            assertTrue(fake.active(), "still inside the outer unit after a nested one ended");
        });
        assertFalse(fake.active());
        assertEquals(1, fake.completedUnits());
        assertThrows(IllegalArgumentException.class, () -> fake.run(() -> {
            throw new IllegalArgumentException("no");
        }));
        assertEquals(1, fake.failedUnits());
        assertEquals(1, fake.completedUnits());
    }
}
