package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances on one Redis and one Postgres: logout on one is seen by the other at once; limits are shared exactly. */
class SessionsTwoInstancesIT extends SessionsFixturesIT {
    private static StrataInstance a;
    private static StrataInstance b;
    private static String slug;
    private static String adminToken;

    @BeforeAll
    static void start() {
        a = instance();
        b = instance();
        TenantCreated tenant = Tenants.create(a);
        slug = a.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class).findById(tenant.tenantId())
                .orElseThrow().slug().value();
        adminToken = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void logoutOnAIsRefusedOnBImmediately() {
        String email = newEmail();
        register(a, slug, email);
        Login login = login(a, slug, email, PASSWORD);
        assertEquals(200, b.get("/v1/auth/me", login.accessToken()).status(), "B knows the session");
        assertEquals(204, a.postJson("/v1/auth/logout", login.accessToken(), "").status());
        assertEquals(401, b.get("/v1/auth/me", login.accessToken()).status(), "B refuses it on the very next request");
        assertEquals(401, a.get("/v1/auth/me", login.accessToken()).status());
    }

    @Test
    void aLimitOfTenPerMinuteAcrossBothInstancesAllowsExactlyTen() throws Exception {
        StrataInstance.Response put = a.send(a.builder("/v1/rate-limits/shared-ten", adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"limit\":10,\"windowSeconds\":60}")));
        assertEquals(200, put.status(), put.body());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                StrataInstance target = i % 2 == 0 ? a : b;
                results.add(CompletableFuture.supplyAsync(() ->
                        target.postJson("/v1/rate-limits/shared-ten/consume", adminToken, "{\"key\":\"tenant-wide\"}").status(), pool));
            }
            List<Integer> statuses = results.stream().map(CompletableFuture::join).toList();
            assertEquals(10, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
            assertEquals(30, statuses.stream().filter(s -> s == 429).count(), "statuses: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }
}
