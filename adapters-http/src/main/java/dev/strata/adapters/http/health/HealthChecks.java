package dev.strata.adapters.http.health;

import dev.strata.domain.shared.HealthProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: runs every {@link HealthProbe} in parallel under one deadline and folds the results
 * into UP, DEGRADED or DOWN; records each component in the gauge {@code strata.component.up}.
 */
@Singleton
public class HealthChecks {
    /** Gauge name; Prometheus shows it as {@code strata_component_up{component="..."}}. */
    public static final String GAUGE = "strata.component.up";
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final List<HealthProbe> probes;
    private final ExecutorService executor;
    private final long timeoutMillis;
    @Nullable
    private final MeterRegistry meterRegistry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public HealthChecks(List<HealthProbe> probes,
                        @Named(TaskExecutors.BLOCKING) ExecutorService executor,
                        HealthConfiguration configuration,
                        @Nullable MeterRegistry meterRegistry) {
        this.probes = List.copyOf(probes);
        this.executor = executor;
        this.timeoutMillis = Math.max(1, configuration.timeout().toMillis());
        this.meterRegistry = meterRegistry;
    }

    /** Probes every component now; completes within the configured timeout, never exceptionally. */
    public CompletableFuture<HealthReport> check() {
        List<CompletableFuture<Probed>> running = new ArrayList<>(probes.size());
        for (HealthProbe probe : probes) {
            running.add(start(probe));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> fold(running.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<Probed> start(HealthProbe probe) {
        CompletableFuture<HealthProbe.Result> result;
        try {
            // probes block on network calls; they run on the blocking pool, never on the event loop
            Supplier<HealthProbe.Result> task = () -> safeProbe(probe);
            result = CompletableFuture.supplyAsync(PropagatedContext.wrapCurrent(task), executor);
        } catch (RejectedExecutionException e) {
            result = CompletableFuture.completedFuture(HealthProbe.Result.down("probe could not be scheduled"));
        }
        // a store that hangs must not hang the health check: no answer in time is an answer
        return result
                .completeOnTimeout(HealthProbe.Result.down("no answer within " + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS)
                .thenApply(r -> new Probed(probe, r));
    }

    private static HealthProbe.Result safeProbe(HealthProbe probe) {
        try {
            HealthProbe.Result result = probe.probe();
            return result != null ? result : HealthProbe.Result.down("probe gave no result");
        } catch (RuntimeException e) {
            // the port promises not to throw; if one does, the component is down, not the health endpoint
            LOG.warn("Health probe {} failed", probe.component(), e);
            return HealthProbe.Result.down("probe failed");
        }
    }

    private HealthReport fold(List<Probed> results) {
        Map<String, HealthReport.Component> components = new TreeMap<>();
        boolean essentialDown = false;
        boolean anyDown = false;
        for (Probed probed : results) {
            boolean up = probed.result().up();
            components.put(probed.probe().component(),
                    new HealthReport.Component(up ? HealthStatus.UP : HealthStatus.DOWN, probed.result().detail()));
            record(probed.probe().component(), up);
            if (!up) {
                anyDown = true;
                essentialDown |= probed.probe().essential();
            }
        }
        HealthStatus status = essentialDown ? HealthStatus.DOWN : anyDown ? HealthStatus.DEGRADED : HealthStatus.UP;
        return new HealthReport(status, components);
    }

    private void record(String component, boolean up) {
        if (meterRegistry == null) {
            return;
        }
        gauges.computeIfAbsent(component, name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(GAUGE, value, AtomicInteger::get)
                    .description("1 when the component answered its last health probe, 0 when it did not")
                    .tag("component", name)
                    .register(meterRegistry);
            return value;
        }).set(up ? 1 : 0);
    }

    private record Probed(HealthProbe probe, HealthProbe.Result result) {
    }
}
