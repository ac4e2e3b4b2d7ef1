package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.PasswordHashing;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.RedisServerProcess;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flood of bogus client-credentials requests from one address: the per-address guard answers 429 before
 * any secret is hashed, so the hashes spent stay within the policy's limit however long the flood lasts, and
 * authenticated calls keep being served. On a Redis of the test's own, so that its loopback bucket is fresh.
 */
class SecurityAuthFloodIT {
    private static final int LIMIT = 20;
    private static final int FLOOD = 400;
    private static final int CONCURRENCY = 40;
    private static RedisServerProcess redis;
    private static StrataInstance a;
    private static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        a = StrataInstance.start(Map.of("redis.uri", redis.uri(),
                "strata.rate-limits.policies.auth-token.limit", LIMIT,
                "strata.rate-limits.policies.auth-token.window-seconds", 600));
        TenantCreated tenant = Tenants.create(a);
        adminToken = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        redis.close();
    }

    private static StrataInstance.Response bogusToken() {
        String form = "grant_type=client_credentials&client_id=" + ClientId.random().value() + "&client_secret=guess-" + System.nanoTime();
        return a.send(a.builder("/v1/auth/token", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void aFloodOfBogusClientCredentialsIsRefusedBeforeHashingAndPingIsStillServed() throws Exception {
        PasswordHashing hashing = a.context.getBean(PasswordHashing.class);
        long hashesBefore = hashing.hashesStarted();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<StrataInstance.Response> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger pingsOk = new AtomicInteger();
        AtomicInteger pingsOther = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY + 1);
        try {
            Future<?> pinger = pool.submit(() -> {
                while (flooding.get()) {
                    if (a.get("/v1/ping", adminToken).status() == 200) {
                        pingsOk.incrementAndGet();
                    } else {
                        pingsOther.incrementAndGet();
                    }
                }
            });
            AtomicInteger remaining = new AtomicInteger(FLOOD);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        StrataInstance.Response response = bogusToken();
                        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.status() == 429 && refusals.size() < 5) {
                            refusals.add(response);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            flooding.set(false);
            pinger.get();
        } finally {
            pool.shutdownNow();
        }

        int tooMany = count(statuses, 429);
        int unauthorized = count(statuses, 401);
        int busy = count(statuses, 503);
        assertEquals(FLOOD, tooMany + unauthorized + busy, "only 401, 429 or 503: " + statuses);
        // the admin token above spent one unit of the address's budget
        assertTrue(unauthorized + busy <= LIMIT - 1, "at most the limit reached the secret check: " + statuses);
        assertTrue(tooMany >= FLOOD - LIMIT, "the rest was refused by the limit: " + statuses);
        long hashes = hashing.hashesStarted() - hashesBefore;
        assertTrue(hashes <= LIMIT - 1, "hashes spent on the flood are bounded by the limit, not the flood: " + hashes);

        StrataInstance.Response refused = refusals.get(0);
        assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused.body());
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertEquals(Integer.toString(LIMIT), refused.header("RateLimit-Limit"));
        assertEquals("0", refused.header("RateLimit-Remaining"));

        assertTrue(pingsOk.get() > 0, "authenticated calls were served during the flood");
        assertEquals(0, pingsOther.get(), "every authenticated call during the flood succeeded");
        assertEquals(200, a.get("/v1/ping", adminToken).status());
        assertTrue(bogusToken().status() == 429, "the address stays limited");
        String metrics = a.get("/prometheus", null).body();
        assertTrue(metrics.contains("strata_auth_hashes_total"), "the pool's work is exported");
        assertTrue(metrics.contains("strata_auth_hashes_refused_total"), "and its refusals");
    }

    @Test
    void pastItsFewWorkersTheTokenEndpointAnswers503WithRetryAfterAtOnce() throws Exception {
        // one worker, no waiting room, slow hashes: of a burst of honest requests some must be turned away
        try (StrataInstance tight = StrataInstance.start(Map.of("redis.uri", redis.uri(),
                "strata.auth.admission.threads", 1, "strata.auth.admission.queue", 0,
                "strata.auth.client-secret-hash-iterations", 300_000))) {
            TenantCreated tenant = Tenants.create(tight);
            String form = "grant_type=client_credentials&client_id=" + tenant.admin().clientId().value()
                    + "&client_secret=" + tenant.admin().clientSecret();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<StrataInstance.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    answers.add(pool.submit(() -> tight.send(tight.builder("/v1/auth/token", null)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)))));
                }
                int granted = 0;
                StrataInstance.Response busy = null;
                for (Future<StrataInstance.Response> answer : answers) {
                    StrataInstance.Response response = answer.get();
                    if (response.status() == 200) {
                        granted++;
                    } else {
                        assertEquals(503, response.status(), response.body());
                        busy = response;
                    }
                }
                assertTrue(granted >= 1, "the worker kept granting");
                assertTrue(busy != null, "a burst past one worker and no queue is refused");
                assertEquals("1", busy.header("Retry-After"));
                assertTrue(busy.header("Content-Type").startsWith("application/problem+json"), busy.body());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }
}
