package dev.strata.bootstrap.e2e;

import static dev.strata.bootstrap.e2e.ForgedTokens.b64;
import static dev.strata.bootstrap.e2e.ForgedTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forged end-user tokens: every variant (algorithm tricks, wrong keys, bad times, missing or wrong
 * claims, sessions of other users and tenants) is refused with 401, while the honest control passes.
 */
class SessionsAttacksIT extends SessionsFixturesIT {
    private static StrataInstance a;
    private static String slugA;
    private static String slugB;
    private static TenantCreated tenantA;
    private static TenantCreated tenantB;

    @BeforeAll
    static void start() {
        a = instance();
        tenantA = Tenants.create(a);
        tenantB = Tenants.create(a);
        var directory = a.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class);
        slugA = directory.findById(tenantA.tenantId()).orElseThrow().slug().value();
        slugB = directory.findById(tenantB.tenantId()).orElseThrow().slug().value();
    }

    @AfterAll
    static void stop() {
        a.close();
    }

    @Test
    void twentyFiveAndMoreForgedTokenVariantsAre401() {
        String emailA = newEmail();
        String userA = register(a, slugA, emailA);
        Login victim = login(a, slugA, emailA, PASSWORD);
        String otherEmail = newEmail();
        String otherUser = register(a, slugA, otherEmail);
        Login other = login(a, slugA, otherEmail, PASSWORD);
        String emailB = newEmail();
        String userB = register(a, slugB, emailB);
        Login inB = login(a, slugB, emailB, PASSWORD);
        Login ended = login(a, slugA, emailA, PASSWORD);
        assertEquals(204, a.postJson("/v1/auth/logout", ended.accessToken(), "").status());

        long now = Instant.now().getEpochSecond();
        String tidA = tenantA.tenantId().toString();
        String tidB = tenantB.tenantId().toString();
        Map<String, Object> honest = claims(userA, tidA, victim.sessionId(), now, now + 900);
        String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String[] parts = victim.accessToken().split("\\.");

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none, no signature", b64(json("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "." + parts[1] + ".");
        forged.put("alg none, original signature", b64(json("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "." + parts[1] + "." + parts[2]);
        forged.put("alg None", b64(json("{\"alg\":\"None\"}")) + "." + parts[1] + ".");
        forged.put("alg NONE signed", signed("{\"alg\":\"NONE\"}", honest, "HmacSHA256", StrataInstance.JWT_SECRET));
        forged.put("alg HS512 with the real key", signed("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", honest, "HmacSHA512", StrataInstance.JWT_SECRET));
        forged.put("alg HS384 with the real key", signed("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", honest, "HmacSHA384", StrataInstance.JWT_SECRET));
        forged.put("RS256 header, HMAC signature (HS/RS confusion)", signed("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", honest, "HmacSHA256", StrataInstance.JWT_SECRET));
        forged.put("RS256 header, original signature", b64(json("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")) + "." + parts[1] + "." + parts[2]);
        forged.put("ES256 header", signed("{\"alg\":\"ES256\"}", honest, "HmacSHA256", StrataInstance.JWT_SECRET));
        forged.put("wrong key", signed(hs256, honest, "HmacSHA256", "another-key-another-key-another-key!!"));
        forged.put("short wrong key", signed(hs256, honest, "HmacSHA256", "k"));
        forged.put("crit header", signed("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", honest, "HmacSHA256", StrataInstance.JWT_SECRET));
        forged.put("typ not JWT", signed("{\"alg\":\"HS256\",\"typ\":\"JOSE+JSON\"}", honest, "HmacSHA256", StrataInstance.JWT_SECRET));
        forged.put("expired", good(with(honest, "iat", now - 7200, "exp", now - 3600)));
        forged.put("exp equal to iat", good(with(honest, "iat", now, "exp", now)));
        forged.put("iat in the future beyond the skew", good(with(honest, "iat", now + 3600, "exp", now + 4500)));
        for (String claim : new String[] {"sub", "tid", "scope", "jti", "iat", "exp", "iss"}) {
            Map<String, Object> missing = new LinkedHashMap<>(honest);
            missing.remove(claim);
            forged.put("missing " + claim, good(missing));
        }
        forged.put("wrong issuer", good(with(honest, "iss", "evil")));
        forged.put("unknown scope", good(with(honest, "scope", "user root")));
        forged.put("sub as a number", good(with(honest, "sub", 42)));
        forged.put("sid as a number", good(with(honest, "sid", 42)));
        forged.put("malformed sid", good(with(honest, "sid", "x")));
        forged.put("random unknown sid", good(with(honest, "sid", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
        forged.put("another user's sid", good(with(honest, "sid", other.sessionId())));
        forged.put("another user's sid and my sub swapped", good(claims(otherUser, tidA, victim.sessionId(), now, now + 900)));
        forged.put("other tenant's sid under my tenant", good(with(honest, "sid", inB.sessionId())));
        forged.put("my sid under the other tenant", good(claims(userA, tidB, victim.sessionId(), now, now + 900)));
        forged.put("other tenant's user and sid with my tid", good(claims(userB, tidA, inB.sessionId(), now, now + 900)));
        forged.put("ended session", ended.accessToken());
        forged.put("user token without user scope", good(with(honest, "scope", "admin")));
        forged.put("client-style token carrying a sid", good(with(honest, "sub", tenantA.admin().clientId().value(), "scope", "admin")));
        forged.put("escalated scope, original signature", parts[0] + "." + b64(json(with(honest, "scope", "user admin"))) + "." + parts[2]);
        forged.put("truncated signature", parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4));
        forged.put("four segments", victim.accessToken() + ".x");
        forged.put("two segments", parts[0] + "." + parts[1]);
        forged.put("not a JWT", "not-a-jwt");
        forged.put("payload not JSON", parts[0] + "." + b64("hello") + "." + parts[2]);
        forged.put("tid not a uuid", good(with(honest, "tid", "tenant-a")));

        assertTrue(forged.size() >= 25, "at least 25 variants: " + forged.size());
        for (Map.Entry<String, String> variant : forged.entrySet()) {
            StrataInstance.Response response = a.get("/v1/auth/me", variant.getValue());
            assertEquals(401, response.status(), variant.getKey() + " must be refused, got " + response.body());
            assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"), variant.getKey());
        }
        StrataInstance.Response control = a.get("/v1/auth/me", good(honest));
        assertEquals(200, control.status(), "control: the same claims, honestly signed, pass: " + control.body());
        assertEquals(200, a.get("/v1/auth/me", victim.accessToken()).status());
    }

    private static Map<String, Object> claims(String sub, String tid, String sid, long iat, long exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "strata");
        claims.put("sub", sub);
        claims.put("tid", tid);
        claims.put("scope", "user");
        claims.put("sid", sid);
        claims.put("iat", iat);
        claims.put("exp", exp);
        claims.put("jti", java.util.UUID.randomUUID().toString());
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put((String) pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    private static String good(Map<String, Object> claims) {
        return signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256", StrataInstance.JWT_SECRET);
    }

    private static String signed(String header, Map<String, Object> claims, String algorithm, String key) {
        String input = b64(header) + "." + b64(json(claims));
        return input + "." + sign(input, algorithm, key);
    }

    private static String json(String raw) {
        return raw;
    }

    private static String json(Map<String, Object> claims) {
        StringBuilder out = new StringBuilder("{");
        claims.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(k).append("\":");
            out.append(v instanceof Number ? v.toString() : "\"" + v + "\"");
        });
        return out.append('}').toString();
    }
}
