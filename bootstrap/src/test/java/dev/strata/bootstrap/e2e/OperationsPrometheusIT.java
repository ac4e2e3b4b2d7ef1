package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.http.operations.ClusterMeters;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /prometheus} after real traffic: it parses as Prometheus text format, exposes the operations metrics, and no
 * label or value carries a tenant id or slug, client id, user id, email, topic, group, cache namespace or key, or a
 * secret of that traffic.
 */
class OperationsPrometheusIT {
    private static StrataInstance instance;
    private static final List<String> forbidden = new ArrayList<>();
    private static String topic;

    @BeforeAll
    static void trafficThenScrape() {
        // the auth limit (per client address, shared through Redis with every test before this one) is lifted
        instance = SessionsFixturesIT.instance();
        TenantCreated tenant = Tenants.create(instance);
        String token = Tenants.adminToken(instance, tenant);
        String slug = instance.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class)
                .findById(tenant.tenantId()).orElseThrow().slug().value();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "ops" + unique + "@example.test";
        String userId = SessionsFixturesIT.register(instance, slug, email);
        StrataInstance.Response login = instance.postJson("/v1/auth/login", null,
                SessionsFixturesIT.credentials(slug, email, SessionsFixturesIT.PASSWORD));
        assertEquals(200, login.status(), login.body());
        String ns = "nsops" + unique;
        String key = "keyops" + unique;
        assertEquals(404, CacheEndToEndIT.get(instance, token, CacheEndToEndIT.path(ns, key)).status());
        CacheEndToEndIT.put(instance, token, CacheEndToEndIT.path(ns, key), "{\"value\":\"v\"}");
        assertEquals(200, CacheEndToEndIT.get(instance, token, CacheEndToEndIT.path(ns, key)).status());
        topic = "topicops" + unique;
        String group = "groupops" + unique;
        assertEquals(201, instance.send(instance.builder("/v1/topics/" + topic + "/groups/" + group, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status());
        for (int i = 0; i < 3; i++) {
            EventsClient.publish(instance, token, topic, "{\"n\":" + i + "}");
        }
        forbidden.addAll(List.of(tenant.tenantId().toString(), slug, tenant.admin().clientId().value(),
                tenant.admin().clientSecret(), userId, email, ns, key, topic, group, login.json("accessToken")));
        instance.context.getBean(ClusterMeters.class).refresh();
        // strata_component_up is set by a health check
        assertEquals(200, instance.get("/health", null).status());
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void theScrapeParsesAndCarriesNoTenantData() {
        StrataInstance.Response response = instance.get("/prometheus", null);
        assertEquals(200, response.status());
        PrometheusText metrics = PrometheusText.parse(response.body());
        assertTrue(metrics.samples.size() > 100, "a real scrape");
        for (PrometheusText.Sample sample : metrics.samples) {
            for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                for (String secret : forbidden) {
                    assertFalse(secret != null && label.getValue().contains(secret),
                            sample.name() + " label " + label.getKey() + " carries traffic data: " + label.getValue());
                }
            }
        }
        for (String secret : forbidden) {
            assertFalse(secret != null && response.body().contains(secret), "the scrape mentions " + secret);
        }
    }

    @Test
    void theOperationsMetricsAreExposed() {
        PrometheusText metrics = PrometheusText.parse(instance.get("/prometheus", null).body());
        for (String name : List.of("strata_sessions_active", "strata_outbox_backlog", "strata_outbox_oldest_age_seconds",
                "strata_stream_groups", "strata_stream_groups_unread", "strata_redis_memory_used_bytes", "strata_redis_ping_seconds",
                "strata_redis_eviction_policy_unsafe", "strata_stream_lag", "strata_stream_pending", "strata_dead_letters", "strata_degraded",
                "strata_rate_limit_decisions_total", "strata_vector_search_seconds_count", "strata_cache_requests_total",
                "strata_component_up", "http_server_requests_seconds_bucket", "hikaricp_connections_active",
                "hikaricp_connections_pending", "hikaricp_connections_max")) {
            assertTrue(metrics.names().contains(name), name + " exposed; have " + metrics.names());
        }
        assertTrue(metrics.names().stream().anyMatch(n -> n.startsWith("lettuce_command_completion")),
                "Lettuce command latency exposed; have " + metrics.names());
        metrics.samples.stream().filter(s -> s.name().startsWith("lettuce_command")).forEach(s ->
                assertTrue(s.labels().keySet().stream().allMatch(l -> Set.of("command", "local", "remote", "le", "quantile").contains(l)),
                        "command-type labels only: " + s.labels()));
        assertTrue(metrics.value("strata_sessions_active", Map.of()) >= 1, "the login's session");
        assertTrue(metrics.value("strata_stream_lag", Map.of("aggregate", "max")) >= 3, "the group behind by 3");
        assertTrue(metrics.value("strata_stream_lag", Map.of("aggregate", "sum")) >= 3);
        assertEquals(0.0, metrics.value("strata_degraded", Map.of()));
        assertNotNull(metrics.value("strata_rate_limit_decisions_total", Map.of("result", "allowed")));
        assertTrue(metrics.value("strata_rate_limit_decisions_total", Map.of("result", "allowed")) >= 1, "the login's guards");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAlertRulesParseAndNameOnlyExposedMetrics() throws java.io.IOException {
        java.util.Set<String> exposed = PrometheusText.parse(instance.get("/prometheus", null).body()).names();
        java.nio.file.Path file = java.nio.file.Path.of("..", "docs", "prometheus-alerts.yml");
        Map<String, Object> root;
        try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file)) {
            root = new org.yaml.snakeyaml.Yaml().load(reader);
        }
        List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
        java.util.Set<String> alerts = new java.util.TreeSet<>();
        for (Map<String, Object> group : groups) {
            assertNotNull(group.get("name"));
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                assertNotNull(alert, "every rule is an alert: " + rule);
                assertTrue(alerts.add(alert), "alert names are unique: " + alert);
                Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
                assertTrue(Set.of("warning", "critical").contains(labels.get("severity")), alert + " severity");
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                assertNotNull(annotations.get("summary"), alert + " summary");
                assertNotNull(annotations.get("action"), alert + " action");
                java.util.Set<String> metrics = metricsOf((String) rule.get("expr"));
                assertFalse(metrics.isEmpty(), alert + " names a metric");
                for (String metric : metrics) {
                    assertTrue(exposed.contains(metric), alert + " names " + metric + ", which /prometheus does not expose");
                }
            }
        }
        for (String required : List.of("StrataRedisUnreachable", "StrataRedisMemoryHigh", "StrataRedisSlow",
                "StrataRedisEvictionPolicyUnsafe", "StrataPoolWaiting", "StrataCacheHitRateLow", "StrataHttp5xxRate",
                "StrataHttpLatencyP95", "StrataConsumerLag", "StrataGroupWithoutConsumer", "StrataOutboxBehind")) {
            assertTrue(alerts.contains(required), required + " ships");
        }
    }

    /** The metric names of a PromQL expression: identifiers outside label matchers, strings and ranges, minus the language's own words. */
    static java.util.Set<String> metricsOf(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ").replaceAll("\"[^\"]*\"", " ");
        java.util.Set<String> words = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase", "by", "without",
                "and", "or", "unless", "on", "ignoring", "bool", "histogram_quantile", "le", "group_left", "group_right",
                "clamp_min", "clamp_max", "abs", "absent", "offset");
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (m.find()) {
            if (!words.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
