package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link UnitOfWork}: the in-memory fake and the Postgres adapter extend it. */
public abstract class UnitOfWorkContract extends ContractSupport {
    protected UnitOfWork subject;

    /** Hook: a new subject for each test. */
    protected abstract UnitOfWork createSubject();

    @BeforeEach
    void createUnitOfWork() {
        subject = createSubject();
    }

    @Test
    void returnsWhatTheWorkReturns() {
        TenantId tenant = newTenant();
        assertEquals("done", as(tenant, () -> subject.execute(() -> "done")));
    }

    @Test
    void runsRunnableWork() {
        TenantId tenant = newTenant();
        List<String> ran = new ArrayList<>();
        runAs(tenant, () -> subject.run(() -> ran.add("work")));
        assertEquals(List.of("work"), ran);
    }

    @Test
    void nestedUnitsJoinTheOuterOneAndReturnTheirResults() {
        TenantId tenant = newTenant();
        List<String> order = new ArrayList<>();
        String result = as(tenant, () -> subject.execute(() -> {
            order.add("outer-start");
            String inner = subject.execute(() -> {
                order.add("inner");
                return "inner-result";
            });
            order.add("outer-end");
            return inner + "+outer";
        }));
        assertEquals("inner-result+outer", result);
        assertEquals(List.of("outer-start", "inner", "outer-end"), order);
    }

    @Test
    void anExceptionOfTheWorkPropagatesUnchanged() {
        TenantId tenant = newTenant();
        IllegalStateException failure = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> runAs(tenant, () -> subject.run(() -> {
                    throw failure;
                })));
        assertSame(failure, thrown);
        // the unit of work is usable again afterwards
        assertEquals(7, as(tenant, () -> subject.execute(() -> 7)));
    }

    @Test
    void theWorkRunsInTheCallersTenantContext() {
        TenantId tenant = newTenant();
        TenantId seen = as(tenant, () -> subject.execute(TenantContext::require));
        assertEquals(tenant, seen);
        assertTrue(TenantContext.current().isEmpty(), "the context is restored after the unit");
    }
}
