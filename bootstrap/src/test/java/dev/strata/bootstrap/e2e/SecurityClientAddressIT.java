package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.domain.shared.RedisServerProcess;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which address the auth limits count: forwarded headers only from {@code strata.http.trusted-proxies}, the
 * right-most untrusted hop, IPv6 by its /64. Instance {@code direct} trusts no proxy, {@code proxied} trusts the
 * loopback peer; both on a Redis of the test's own so that their loopback buckets are fresh.
 */
class SecurityClientAddressIT {
    private static RedisServerProcess redis;
    private static StrataInstance direct;
    private static StrataInstance proxied;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        Map<String, Object> limits = Map.of("redis.uri", redis.uri(),
                "strata.rate-limits.policies.auth-token.limit", 2,
                "strata.rate-limits.policies.auth.limit", 2);
        direct = StrataInstance.start(limits);
        java.util.HashMap<String, Object> behindProxy = new java.util.HashMap<>(limits);
        behindProxy.put("strata.http.trusted-proxies", "127.0.0.1,::1");
        proxied = StrataInstance.start(behindProxy);
    }

    @AfterAll
    static void stop() {
        direct.close();
        proxied.close();
        redis.close();
    }

    /** A token request with a malformed client id: counted by {@code auth-token}, refused without a hash. */
    private static int token(StrataInstance instance, String header, String value) {
        HttpRequest.Builder request = instance.builder("/v1/auth/token", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=bogus&client_secret=x"));
        if (header != null) {
            request.header(header, value);
        }
        return instance.send(request).status();
    }

    private static String hex() {
        return Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xe000));
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        assertEquals(401, token(direct, "X-Forwarded-For", "198.51.100.1"));
        assertEquals(401, token(direct, "Forwarded", "for=198.51.100.2"));
        assertEquals(429, token(direct, "X-Forwarded-For", "198.51.100.3"), "a spoofed header does not mint a new bucket");
        assertEquals(429, token(direct, "Forwarded", "for=\"[2001:db8::1]\""));
        assertEquals(429, token(direct, null, null));
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnBucketAndLiesLeftOfItAreIgnored() {
        String client = "203.0.113." + (1 + ThreadLocalRandom.current().nextInt(254));
        assertEquals(401, token(proxied, "X-Forwarded-For", client));
        assertEquals(401, token(proxied, "X-Forwarded-For", "6.6.6.6, " + client), "what the client prepends does not count");
        assertEquals(429, token(proxied, "X-Forwarded-For", "7.7.7.7, " + client));
        assertEquals(429, token(proxied, "Forwarded", "for=8.8.8.8, for=\"" + client + ":4711\";proto=https"));
        String neighbour = "192.0.2." + (1 + ThreadLocalRandom.current().nextInt(254));
        assertEquals(401, token(proxied, "X-Forwarded-For", neighbour), "another client behind the same proxy is not limited");
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        String prefix = "2001:db8:" + hex() + ":" + hex();
        assertEquals(401, token(proxied, "X-Forwarded-For", prefix + "::1"));
        assertEquals(401, token(proxied, "X-Forwarded-For", prefix + ":ffff:ffff:ffff:fffe"));
        assertEquals(429, token(proxied, "Forwarded", "for=\"[" + prefix + ":1234::9]:443\""),
                "a fresh address of the same /64 is the same client");
        assertEquals(401, token(proxied, "X-Forwarded-For", "2001:db8:" + hex() + ":" + hex() + "::1"), "another /64 is not");
    }

    @Test
    void loginAndRegisterCountTheForwardedClientToo() {
        String client = "203.0.113." + (1 + ThreadLocalRandom.current().nextInt(254));
        String body = "{\"tenant\":\"no-such-tenant-x\",\"email\":\"not-an-email\",\"password\":\"long enough password\"}";
        for (int i = 0; i < 2; i++) {
            StrataInstance.Response refused = proxied.send(proxied.builder("/v1/auth/register", null)
                    .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(400, refused.status(), refused.body());
        }
        StrataInstance.Response limited = proxied.send(proxied.builder("/v1/auth/login", null)
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(429, limited.status(), limited.body());
        StrataInstance.Response other = proxied.send(proxied.builder("/v1/auth/register", null)
                .header("Content-Type", "application/json").header("X-Forwarded-For", "2001:db8:" + hex() + "::1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(400, other.status(), "another client is not limited: " + other.body());
    }
}
