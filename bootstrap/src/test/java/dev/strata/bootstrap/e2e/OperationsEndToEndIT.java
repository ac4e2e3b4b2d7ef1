package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.annotation.Controller;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operations surface of a running instance: OpenAPI covers every route, Prometheus has latency histograms. */
class OperationsEndToEndIT {
    private static StrataInstance instance;

    @BeforeAll
    static void start() {
        instance = StrataInstance.start();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void openApiDocumentCoversEveryRoute() {
        StrataInstance.Response spec = instance.get("/openapi.yml", null);
        assertEquals(200, spec.status());
        assertTrue(spec.body().startsWith("openapi:"), spec.body().substring(0, 40));
        Set<String> missing = new TreeSet<>();
        instance.context.getBean(Router.class).uriRoutes()
                .filter(route -> route.getTargetMethod().getDeclaringType().isAnnotationPresent(Controller.class))
                .map(UriRouteInfo::getUriMatchTemplate)
                .map(Object::toString)
                .filter(path -> !path.equals("/openapi.yml"))
                .forEach(path -> {
                    if (!spec.body().contains("\n  " + path + ":")) {
                        missing.add(path);
                    }
                });
        assertTrue(missing.isEmpty(), "routes missing from /openapi.yml: " + missing);
        assertTrue(spec.body().contains("/v1/auth/token:") && spec.body().contains("/v1/clients:"), "core routes listed");
    }

    @Test
    void prometheusExposesServerLatencyHistograms() {
        instance.get("/health/liveness", null);
        StrataInstance.Response metrics = instance.get("/prometheus", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("http_server_requests_seconds_bucket"), "latency histogram buckets expected");
    }

    @Test
    void everyResponseCarriesARequestIdAndUnknownRoutesAreProblems() {
        StrataInstance.Response missing = instance.get("/v1/no-such-thing", null);
        assertEquals(404, missing.status());
        assertTrue(missing.header("Content-Type").startsWith("application/problem+json"));
        assertNotNull(missing.header("X-Request-Id"));
        StrataInstance.Response echoed = instance.send(instance.builder("/health/liveness", null).header("X-Request-Id", "abc-123").GET());
        assertEquals("abc-123", echoed.header("X-Request-Id"));
    }

}
