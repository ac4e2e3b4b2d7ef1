package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.strata.adapters.http.observability.AccessLogFilter;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The access log at its default level names the matched route's template, never the raw path: cache keys
 * and session ids travel in paths. Only at DEBUG does the raw path appear.
 */
class SecurityAccessLogIT {
    private static StrataInstance instance;
    private static String token;

    @BeforeAll
    static void start() {
        instance = StrataInstance.start();
        TenantCreated tenant = Tenants.create(instance);
        token = Tenants.adminToken(instance, tenant);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void atInfoA404OnACacheKeyNamesTheRouteNotTheKey() {
        String key = "secret-key-" + UUID.randomUUID();
        String ns = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = logged(Level.INFO, () -> instance.get("/v1/cache/" + ns + "/" + key, token).status());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /v1/cache/{ns}/{key} 404 ")), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains(key) || l.contains(ns)), lines.toString());
    }

    @Test
    void atInfoA404OnASessionIdNamesTheRouteNotTheId() {
        String session = UUID.randomUUID().toString();
        List<String> lines = logged(Level.INFO, () -> instance.get("/v1/sessions/" + session, token).status());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /v1/sessions/{id} 404 ")), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains(session)), lines.toString());
    }

    @Test
    void atInfoAPathNoRouteMatchesIsAPlaceholder() {
        String secret = "no-route-" + UUID.randomUUID();
        List<String> lines = logged(Level.INFO, () -> instance.get("/v1/nothing-here/" + secret, token).status());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET " + AccessLogFilter.UNMATCHED + " 404 ")), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains(secret)), lines.toString());
    }

    @Test
    void atDebugTheRawPathIsAddedToTheTemplate() {
        String key = "debug-key-" + UUID.randomUUID();
        String ns = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/v1/cache/" + ns + "/" + key;
        List<String> lines = logged(Level.DEBUG, () -> instance.get(path, token).status());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /v1/cache/{ns}/{key} 404 ") && l.endsWith(" path=" + path)),
                lines.toString());
    }

    /** The formatted lines of logger strata.access while {@code request} runs at {@code level}; asserts the 404. */
    private static List<String> logged(Level level, Supplier<Integer> request) {
        Logger access = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
        Level before = access.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        access.addAppender(appender);
        access.setLevel(level);
        try {
            assertEquals(404, request.get());
        } finally {
            access.setLevel(before);
            access.detachAppender(appender);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
