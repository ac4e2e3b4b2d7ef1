package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names starting with "strata." are Strata's own: a tenant naming a namespace, topic, group, consumer or policy
 * that way gets a 400 problem of type reserved_name, and nothing is created.
 */
class SecurityReservedNamesIT {
    private static final String RESERVED = "urn:strata:problem:shared.reserved_name";
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

    private static StrataInstance.Response put(String path, String json) {
        return instance.send(instance.builder(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void assertReserved(StrataInstance.Response response) {
        assertEquals(400, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.headers().toString());
        assertEquals(RESERVED, response.json("type"), response.body());
    }

    @Test
    void cacheNamespacesOfStrataAreRefused() {
        assertReserved(put("/v1/cache/strata.access", "{\"defaultTtlSeconds\":60}"));
        assertReserved(put("/v1/cache/strata.access/c:sc_anything", "{\"v\":1}"));
        assertReserved(put("/v1/cache/strata.x/key", "{\"v\":1}"));
        assertReserved(instance.get("/v1/cache/strata.access/c:sc_anything", token));
        assertReserved(instance.delete("/v1/cache/strata.x/key", token));
        assertReserved(instance.postJson("/v1/cache/strata.x/invalidate", token, "{\"keys\":[\"k\"]}"));
        assertReserved(instance.postJson("/v1/cache/strata.x/mget", token, "{\"keys\":[\"k\"]}"));
        // control: the same requests on an ordinary name pass
        assertEquals(204, put("/v1/cache/strata-not-reserved/key", "{\"v\":1}").status());
    }

    @Test
    void topicsGroupsAndConsumersOfStrataAreRefused() {
        assertReserved(instance.postJson("/v1/topics/strata.x/events", token, "{\"type\":\"t\",\"data\":{}}"));
        assertReserved(instance.get("/v1/topics/strata.x/events", token));
        assertReserved(put("/v1/topics/orders/groups/strata.x", "{\"startAt\":\"earliest\"}"));
        StrataInstance.Response group = put("/v1/topics/orders/groups/billing", "{\"startAt\":\"earliest\"}");
        assertTrue(group.status() == 200 || group.status() == 201, "control: an ordinary group: " + group.body());
        assertReserved(instance.postJson("/v1/topics/orders/groups/billing/read", token,
                "{\"consumer\":\"STRATA.worker\",\"count\":1}"));
    }

    @Test
    void rateLimitPoliciesOfStrataAreRefused() {
        assertReserved(put("/v1/rate-limits/strata.x", "{\"limit\":5,\"windowSeconds\":60,\"algorithm\":\"sliding-window\"}"));
        assertReserved(instance.postJson("/v1/rate-limits/strata.x/consume", token, "{\"key\":\"k\"}"));
    }
}
