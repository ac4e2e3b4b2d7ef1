package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.strata.adapters.http.shared.SignedWebhook;
import dev.strata.application.identity.port.CreateTenantCommand;
import dev.strata.application.identity.port.CreateTenantUseCase;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.application.operations.ClusterTraffic;
import dev.strata.application.operations.port.EvaluateAlertsUseCase;
import dev.strata.domain.identity.TenantSlug;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alert delivery across two instances: a consumer group that falls behind produces one signed webhook POST and one
 * {@code ops.alerts} event on the operations tenant (naming the group's tenant), however many instances evaluate; once
 * it catches up, one resolution of each. Nobody may publish on {@code ops.alerts} over HTTP. The cache hit rate is
 * judged over both instances' traffic: misses on one, the evaluation on either.
 */
class OperationsAlertDeliveryIT {
    private static final String SECRET = "alert-webhook-test-key-0123456789-abcdefghij";
    private static final List<String> posts = new CopyOnWriteArrayList<>();
    private static final List<Boolean> signed = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static StrataInstance a;
    private static StrataInstance b;
    private static String opsSlug;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE_HEADER);
            String expected = "sha256=" + SignedWebhook.sign(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                    timestamp, body);
            signed.add(expected.equals(signature));
            posts.add(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        opsSlug = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> properties = new HashMap<>();
        properties.put("strata.operations.alerts.consumer-lag", 2);
        properties.put("strata.operations.alerts.min-requests", 10);
        properties.put("strata.operations.tenant", opsSlug);
        // the test evaluates by hand; the loop stays out of the way
        properties.put("strata.operations.evaluation-interval", "1h");
        properties.put("strata.alerts.webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        properties.put("strata.alerts.webhook.secret", SECRET);
        a = StrataInstance.start(properties);
        b = StrataInstance.start(properties);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        receiver.stop(0);
    }

    @Test
    void aLaggingGroupIsDeliveredOnceThenResolvedOnce() throws Exception {
        TenantCreated ops = a.context.getBean(CreateTenantUseCase.class).createTenant(new CreateTenantCommand(new TenantSlug(opsSlug)));
        String opsToken = Tenants.adminToken(a, ops);
        TenantCreated tenant = Tenants.create(a);
        String token = Tenants.adminToken(a, tenant);
        String slug = a.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class).findById(tenant.tenantId())
                .orElseThrow().slug().value();
        String topic = "late-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, a.send(a.builder("/v1/topics/" + topic + "/groups/billing", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status());
        for (int i = 0; i < 3; i++) {
            EventsClient.publish(a, token, topic, "{\"n\":" + i + "}");
        }

        evaluateOnBothAtOnce();
        evaluateOnBothAtOnce();
        List<String> firing = awaitPosts(topic, "stream.lag", "firing", 1);
        assertTrue(firing.get(0).contains(slug + ": group billing of topic " + topic), firing.get(0));
        assertTrue(firing.get(0).contains("\"severity\":\"warning\"") && firing.get(0).contains("\"action\":"), firing.get(0));
        assertTrue(signed.stream().allMatch(Boolean::booleanValue), "every POST carries a valid signature");
        String events = a.get("/v1/topics/ops.alerts/events?limit=100", opsToken).body();
        assertEquals(1, count(events, "strata.ops.alert.firing", topic), events);

        List<Long> read = new ArrayList<>();
        for (int attempt = 0; attempt < 5 && read.size() < 3; attempt++) {
            read.addAll(EventsClient.sequenceOf(a.postJson("/v1/topics/" + topic + "/groups/billing/read", token,
                    "{\"consumer\":\"c1\",\"count\":10,\"blockMs\":2000}").body()));
        }
        assertEquals(3, read.size());
        evaluateOnBothAtOnce();
        evaluateOnBothAtOnce();
        List<String> resolved = awaitPosts(topic, "stream.lag", "resolved", 1);
        assertTrue(resolved.get(0).contains("\"since\":"), resolved.get(0));
        Thread.sleep(500);
        assertEquals(1, matching(topic, "stream.lag", "firing").size(), "one delivery of the start");
        assertEquals(1, matching(topic, "stream.lag", "resolved").size(), "one delivery of the resolution");
        String after = a.get("/v1/topics/ops.alerts/events?limit=100", opsToken).body();
        assertEquals(1, count(after, "strata.ops.alert.resolved", topic), after);

        StrataInstance.Response forged = a.postJson("/v1/topics/ops.alerts/events", opsToken,
                "{\"type\":\"strata.ops.alert.firing\",\"data\":{\"id\":\"fake\"}}");
        assertTrue(forged.status() / 100 == 4, "ops.alerts is written by Strata only: " + forged.status());
        assertEquals(404, a.get("/v1/topics/ops.alerts/events", Tenants.adminToken(a, ops, "events:publish events:consume")).status(),
                "and read with admin only: it names other tenants");
    }

    @Test
    void theCacheHitRateIsJudgedOverEveryInstancesTraffic() throws Exception {
        // the rule and its ledger are cluster-wide: start from no stored traffic and no open hit-rate alert
        try (Connection connection = a.context.getBean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("delete from ops_traffic_samples");
            statement.execute("delete from ops_alerts where key = 'cache.hit-rate'");
        }
        evaluateOnBothAtOnce();
        int before = hitRatePosts("firing").size();
        int resolvedBefore = hitRatePosts("resolved").size();
        TenantCreated tenant = Tenants.create(b);
        String token = Tenants.adminToken(b, tenant);
        String ns = "rate-" + UUID.randomUUID().toString().substring(0, 8);
        // every miss is on B, which stores its interval as its loop does; A alone judges, and must see them
        for (int i = 0; i < 20; i++) {
            assertEquals(404, CacheEndToEndIT.get(b, token, CacheEndToEndIT.path(ns, "missing-" + i)).status());
        }
        b.context.getBean(ClusterTraffic.class).recordOwn();
        assertTrue(a.context.getBean(EvaluateAlertsUseCase.class).evaluate() >= 0, "A evaluated");
        List<String> firing = awaitHitRatePosts("firing", before + 1);
        String post = firing.get(firing.size() - 1);
        assertTrue(post.contains("\"severity\":\"warning\"") && post.contains("Cache hit rate is"), post);
        assertTrue(!post.contains(tenant.tenantId().toString()) && !post.contains(ns), "no tenant data: " + post);

        // hits on A lift the cluster's rate above the threshold: one resolution
        assertTrue(CacheEndToEndIT.put(a, token, CacheEndToEndIT.path(ns, "k"), "{\"value\":1}").status() / 100 == 2);
        for (int i = 0; i < 100; i++) {
            assertEquals(200, CacheEndToEndIT.get(a, token, CacheEndToEndIT.path(ns, "k")).status());
        }
        a.context.getBean(ClusterTraffic.class).recordOwn();
        assertTrue(b.context.getBean(EvaluateAlertsUseCase.class).evaluate() >= 0, "B evaluated");
        evaluateOnBothAtOnce();
        awaitHitRatePosts("resolved", resolvedBefore + 1);
        Thread.sleep(500);
        assertEquals(before + 1, hitRatePosts("firing").size(), "one delivery of the start");
    }

    @Test
    void aPoolThatStaysExhaustedOnAnyInstanceIsDeliveredAndABlipIsNot() throws Exception {
        String pool = "pool-" + UUID.randomUUID();
        String blip = "blip-" + UUID.randomUUID();
        try (Connection connection = a.context.getBean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("delete from ops_traffic_samples");
            statement.execute("delete from ops_alerts where key = 'postgres.pool-waiting'");
            // another instance: once waiting, then no more (a blip)
            statement.execute(sample(blip, 50, 9) + ", " + row(blip, 10, 0));
        }
        int before = posts("postgres.pool-waiting", "firing").size();
        evaluateOnBothAtOnce();
        Thread.sleep(300);
        assertEquals(before, posts("postgres.pool-waiting", "firing").size(), "a blip is not delivered: " + posts);

        // a third instance whose pool stayed exhausted through the last minute
        try (Connection connection = a.context.getBean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sample(pool, 50, 3) + ", " + row(pool, 30, 4) + ", " + row(pool, 10, 5));
        }
        evaluateOnBothAtOnce();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (posts("postgres.pool-waiting", "firing").size() <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> firing = posts("postgres.pool-waiting", "firing");
        assertEquals(before + 1, firing.size(), "posts: " + posts);
        assertTrue(firing.get(firing.size() - 1).contains("3 threads wait for a Postgres connection"), firing.toString());
        try (Connection connection = a.context.getBean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("delete from ops_traffic_samples where instance = '" + pool + "'");
        }
        int resolvedBefore = posts("postgres.pool-waiting", "resolved").size();
        evaluateOnBothAtOnce();
        deadline = System.nanoTime() + 15_000_000_000L;
        while (posts("postgres.pool-waiting", "resolved").size() <= resolvedBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(resolvedBefore + 1, posts("postgres.pool-waiting", "resolved").size(), "posts: " + posts);
    }

    /** An insert of one stored interval of {@code instance}, ended {@code secondsAgo}, with no traffic. */
    private static String sample(String instance, int secondsAgo, int waiting) {
        return "insert into ops_traffic_samples (instance, ended_at, requests, errors_5xx, timed, latency_bounds, "
                + "latency_counts, l1_hits, l1_misses, l2_hits, l2_misses, l3_hits, l3_misses, pool_waiting) values "
                + row(instance, secondsAgo, waiting);
    }

    private static String row(String instance, int secondsAgo, int waiting) {
        return "('" + instance + "', now() - interval '" + secondsAgo + " seconds', 0, 0, 0, '{}', '{}', 0, 0, 0, 0, 0, 0, "
                + waiting + ")";
    }

    private static List<String> posts(String id, String status) {
        return posts.stream().filter(p -> p.contains("\"id\":\"" + id + "\"") && p.contains("\"status\":\"" + status + "\""))
                .toList();
    }

    private static List<String> hitRatePosts(String status) {
        return posts.stream().filter(p -> p.contains("\"id\":\"cache.hit-rate\"") && p.contains("\"status\":\"" + status + "\""))
                .toList();
    }

    private static List<String> awaitHitRatePosts(String status, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (hitRatePosts(status).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> found = hitRatePosts(status);
        assertEquals(count, found.size(), "posts: " + posts);
        return found;
    }

    private static void evaluateOnBothAtOnce() {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> a.context.getBean(EvaluateAlertsUseCase.class).evaluate());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> b.context.getBean(EvaluateAlertsUseCase.class).evaluate());
        first.join();
        second.join();
    }

    private static List<String> awaitPosts(String topic, String id, String status, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (matching(topic, id, status).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> found = matching(topic, id, status);
        assertEquals(count, found.size(), "posts: " + posts);
        return found;
    }

    private static List<String> matching(String topic, String id, String status) {
        return posts.stream().filter(p -> p.contains("\"id\":\"" + id + "\"") && p.contains("\"status\":\"" + status + "\"")
                && p.contains(topic)).toList();
    }

    /** Events of {@code type} about {@code stream.lag} in a history page whose text mentions {@code topic}. */
    private static int count(String page, String type, String topic) {
        int n = 0;
        Matcher m = Pattern.compile("\\{[^{}]*\"type\"\\s*:\\s*\"" + Pattern.quote(type) + "\"[^{}]*(\\{[^{}]*\\})?[^{}]*\\}").matcher(page);
        while (m.find()) {
            if (m.group().contains(topic) && m.group().contains("\"subject\":\"stream.lag\"")) {
                n++;
            }
        }
        return n;
    }
}
