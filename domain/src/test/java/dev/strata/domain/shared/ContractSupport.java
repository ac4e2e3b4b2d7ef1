package dev.strata.domain.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Test support: what every port contract shares — fresh random tenants (so a contract can run against a
 * shared real database), the subject's notion of time, and running work as a tenant.
 *
 * <p>Contracts create their subject in their own {@code @BeforeEach}, which JUnit runs before the
 * {@code @BeforeEach} methods of a subclass: an adapter test prepares what {@code createSubject()} needs
 * in a {@code @BeforeAll} method, a field initialiser or its constructor.
 */
public abstract class ContractSupport {
    private MutableClock drivingClock;

    /**
     * Makes {@code clock} the subject's time: {@link #now()} reads it and {@link #elapse} advances it
     * instead of sleeping. For fakes built on a {@link MutableClock}; call it from a field initialiser.
     */
    protected final MutableClock drivenBy(MutableClock clock) {
        this.drivingClock = clock;
        return clock;
    }
    /**
     * Hook: called once for every fresh tenant, before a test works in it. An adapter whose tables
     * reference the tenants table inserts the tenant's row here. Default: nothing.
     */
    protected void givenTenant(TenantId tenant) {
    }

    /**
     * Hook: "now" as the subject sees it, at millisecond precision (what every store can keep).
     * Default: the wall clock. A test whose subject runs on a {@link MutableClock} returns that clock's time.
     */
    protected Instant now() {
        if (drivingClock != null) {
            return drivingClock.now();
        }
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Hook: lets {@code duration} pass for the subject. Default: sleeps (real stores expire by the wall clock;
     * contracts only ever ask for about a second). A test on a {@link MutableClock} advances the clock instead.
     */
    protected void elapse(Duration duration) {
        if (drivingClock != null) {
            drivingClock.advance(duration);
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while letting time pass", e);
        }
    }

    /** A fresh random tenant, already announced through {@link #givenTenant}. */
    protected final TenantId newTenant() {
        TenantId tenant = TenantId.random();
        givenTenant(tenant);
        return tenant;
    }

    protected static <T> T as(TenantId tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    protected static void runAs(TenantId tenant, Runnable work) {
        TenantContext.runAs(tenant, work);
    }

    /** A short random suffix for names that must not collide between runs on a shared store. */
    protected static String unique() {
        return Long.toString(Math.abs(ThreadLocalRandom.current().nextLong()), 36);
    }
}
