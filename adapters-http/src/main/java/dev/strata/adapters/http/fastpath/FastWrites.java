package dev.strata.adapters.http.fastpath;

import dev.strata.adapters.http.error.ProblemMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;

/** HTTP adapter: makes the {@link FastWrite} of each fast route that starts a write, with what they all share. */
@Singleton
public final class FastWrites {
    private final BeanProvider<MeterRegistry> registry;
    private final HttpServerConfiguration server;
    private final boolean metrics;
    private final boolean clientErrorUris;
    private final JsonMapper json;
    private final ProblemMapper problems;
    private final Executor blocking;

    FastWrites(BeanProvider<MeterRegistry> registry, HttpServerConfiguration server, JsonMapper json,
               ProblemMapper problems, @Named(TaskExecutors.BLOCKING) Executor blocking,
               @Value("${micronaut.metrics.enabled:true}") boolean metricsEnabled,
               @Value("${micronaut.metrics.binders.web.enabled:true}") boolean webMetricsEnabled,
               @Value("${" + FastAnswers.CLIENT_ERROR_URIS + ":true}") boolean clientErrorUris) {
        this.registry = registry;
        this.server = server;
        this.metrics = metricsEnabled && webMetricsEnabled;
        this.clientErrorUris = clientErrorUris;
        this.json = json;
        this.problems = problems;
        this.blocking = blocking;
    }

    /** A new {@link FastWrite} for the route of {@code route} (its template, as Micronaut's server metrics name it). */
    public FastWrite forRoute(String route) {
        return new FastWrite(new FastAnswers(registry, server, metrics, clientErrorUris), json, problems, blocking, route);
    }
}
