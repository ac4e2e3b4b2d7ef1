package dev.strata.bootstrap;

import dev.strata.application.jobs.port.RunJobHousekeepingUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled loops of the jobs area on every instance: every {@code strata.jobs.reap-interval} (1s) the expired
 * leases of all tenants' queues are reaped, every {@code strata.jobs.tick-interval} (1s) the due schedule ticks of
 * all tenants fire, every {@code strata.jobs.retention.interval} (1m) finished jobs past their retention are
 * deleted. Several instances may run them at once: the stores make each reap, tick and delete happen once.
 * Prometheus shows {@code strata_jobs_housekeeping_total{loop="reap|tick|retention"}} (jobs reaped, jobs enqueued by
 * ticks, jobs deleted) and {@code strata_jobs_housekeeping_failures_total{loop}} (failed rounds).
 */
@Singleton
@Requires(notEnv = "cli")
class JobsHousekeepingLoops {
    private static final Logger LOG = LoggerFactory.getLogger(JobsHousekeepingLoops.class);
    private final RunJobHousekeepingUseCase housekeeping;
    /** Loops whose last round failed: a failure is logged once, until a round succeeds again. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    private final MeterRegistry registry;

    JobsHousekeepingLoops(RunJobHousekeepingUseCase housekeeping, @Nullable MeterRegistry registry) {
        this.housekeeping = housekeeping;
        this.registry = registry;
    }

    @Scheduled(fixedDelay = "${strata.jobs.reap-interval:1s}", initialDelay = "${strata.jobs.reap-interval:1s}")
    void reapExpiredLeases() {
        run("reap", housekeeping::reapExpiredLeases);
    }

    @Scheduled(fixedDelay = "${strata.jobs.tick-interval:1s}", initialDelay = "${strata.jobs.tick-interval:1s}")
    void fireDueSchedules() {
        run("tick", housekeeping::fireDueSchedules);
    }

    @Scheduled(fixedDelay = "${strata.jobs.retention.interval:1m}",
            initialDelay = "${strata.jobs.retention.interval:1m}")
    void purgeFinished() {
        run("retention", housekeeping::purgeFinished);
    }

    private void run(String loop, IntSupplier round) {
        try {
            int done = round.getAsInt();
            if (failing.remove(loop)) {
                LOG.info("jobs {} loop works again", loop);
            }
            if (done > 0) {
                LOG.debug("jobs {}: {}", loop, done);
                count("strata.jobs.housekeeping", loop, done);
            }
        } catch (RuntimeException e) {
            // a store is down or a tenant's round failed: the next round tries again
            count("strata.jobs.housekeeping.failures", loop, 1);
            if (failing.add(loop)) {
                LOG.warn("jobs {} loop round failed, retrying every round: {}", loop, e.getClass().getSimpleName());
            } else {
                LOG.debug("jobs {} loop round failed: {}", loop, e.getClass().getSimpleName());
            }
        }
    }

    private void count(String metric, String loop, int amount) {
        if (registry != null) {
            Counter.builder(metric).tag("loop", loop).register(registry).increment(amount);
        }
    }
}
