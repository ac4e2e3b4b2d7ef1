package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * JWT key ring end to end: an ES256 instance publishes its public keys at {@code /.well-known/jwks.json} and
 * a verifier with nothing but the JDK checks Strata's token with them; a key rotates across instances without
 * refusing anyone's token; weak keys stop the start.
 */
class SecurityJwtKeysIT {
    private static final String K1 = "rotation-key-one-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final String K2 = "rotation-key-two-9876543210-ZYXWVUTSRQPONMLKJIHGFEDCBA";

    @Test
    void es256TokensVerifyWithThePublishedKeys() throws Exception {
        KeyPair k1 = ecKeyPair();
        KeyPair k2 = ecKeyPair();
        Map<String, Object> properties = new HashMap<>();
        properties.put("strata.jwt.secret", "");
        properties.put("strata.jwt.algorithm", "ES256");
        properties.put("strata.jwt.keys.k1", pem(k1));
        properties.put("strata.jwt.keys.k2", Base64.getEncoder().encodeToString(k2.getPrivate().getEncoded()));
        properties.put("strata.jwt.active-key", "k2");
        try (StrataInstance instance = StrataInstance.start(properties)) {
            assertFalse(instance.context.containsBean(io.micronaut.security.filters.SecurityFilter.class),
                    "micronaut-security's own filter stays off: Strata's filter authorises");
            TenantCreated tenant = Tenants.create(instance);
            String token = Tenants.adminToken(instance, tenant);
            String header = decode(token.split("\\.")[0]);
            assertTrue(header.contains("\"alg\":\"ES256\"") && header.contains("\"kid\":\"k2\""), header);
            assertEquals(200, instance.get("/v1/ping", token).status());

            StrataInstance.Response jwks = instance.get("/.well-known/jwks.json", null);
            assertEquals(200, jwks.status(), jwks.body());
            assertTrue(jwks.header("Content-Type").startsWith("application/json"), jwks.header("Content-Type"));
            assertFalse(jwks.body().contains("\"d\""), "public parts only: " + jwks.body());
            assertEquals(k1.getPublic(), publicKey(jwks.body(), "k1"));
            assertEquals(k2.getPublic(), publicKey(jwks.body(), "k2"));

            String[] parts = token.split("\\.");
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey(jwks.body(), "k2"));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])), "the published key verifies Strata's token");

            String tampered = parts[0] + "." + ForgedTokens.b64(decode(parts[1]).replace("\"scope\":\"", "\"scope\":\"admin ")) + "." + parts[2];
            assertEquals(401, instance.get("/v1/ping", tampered).status());
            String hmacForgery = ForgedTokens.b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k2\"}") + "." + parts[1];
            hmacForgery += "." + ForgedTokens.sign(hmacForgery, "HmacSHA256", jwks.body());
            assertEquals(401, instance.get("/v1/ping", hmacForgery).status(), "HS256 keyed with the public key set (alg confusion)");
        }
    }

    @Test
    void aKeyRotatesAcrossInstancesWithoutRefusingAnyonesToken() {
        try (StrataInstance a = StrataInstance.start(Map.of("strata.jwt.keys.k1", K1, "strata.jwt.active-key", "k1"));
             StrataInstance b = StrataInstance.start(Map.of("strata.jwt.keys.k1", K1, "strata.jwt.keys.k2", K2, "strata.jwt.active-key", "k2"));
             StrataInstance c = StrataInstance.start(Map.of("strata.jwt.keys.k1", K1, "strata.jwt.keys.k2", K2, "strata.jwt.active-key", "k1"))) {
            TenantCreated tenant = Tenants.create(a);
            String fromA = Tenants.adminToken(a, tenant);
            String fromB = Tenants.adminToken(b, tenant);
            String fromC = Tenants.adminToken(c, tenant);
            assertTrue(decode(fromA.split("\\.")[0]).contains("\"kid\":\"k1\""));
            assertTrue(decode(fromB.split("\\.")[0]).contains("\"kid\":\"k2\""));

            for (StrataInstance instance : new StrataInstance[] {a, b, c}) {
                assertEquals(200, instance.get("/v1/ping", fromA).status(), "a k1 token is accepted everywhere");
                assertEquals(200, instance.get("/v1/ping", fromC).status());
            }
            assertEquals(200, b.get("/v1/ping", fromB).status());
            assertEquals(200, c.get("/v1/ping", fromB).status(), "an instance that lists k2 accepts k2 tokens before it signs with k2");
            StrataInstance.Response unknown = a.get("/v1/ping", fromB);
            assertEquals(401, unknown.status(), "an instance that does not list k2 refuses them: list the key everywhere first");
            assertTrue(unknown.header("WWW-Authenticate").contains("invalid_token"));

            StrataInstance.Response jwks = a.get("/.well-known/jwks.json", null);
            assertEquals(404, jwks.status(), "HMAC keys are never published");
            assertTrue(jwks.header("Content-Type").startsWith("application/problem+json"), jwks.header("Content-Type"));
        }
    }

    @Test
    void shortOrLowEntropyKeysStopTheStart() {
        assertRefused("strata.jwt.keys.k2 must be at least 32 bytes",
                Map.of("strata.jwt.keys.k1", K1, "strata.jwt.keys.k2", "too-short-a-key", "strata.jwt.active-key", "k1"));
        assertRefused("distinct byte values", Map.of("strata.jwt.secret", "ab".repeat(32)));
        assertRefused("distinct byte values", Map.of("strata.jwt.keys.k1", "0123456789".repeat(5), "strata.jwt.active-key", "k1"));
        assertRefused("at least 64 bytes", Map.of("strata.jwt.algorithm", "HS512"));
        assertRefused("PKCS#8", Map.of("strata.jwt.algorithm", "ES256"));
        assertRefused("active-key", Map.of("strata.jwt.keys.k1", K1, "strata.jwt.keys.k2", K2));
    }

    @Test
    void keyIdsFromRealEnvironmentVariablesAreCaseInsensitive() throws Exception {
        // Micronaut lower-cases the map keys of environment variables (k1, k2) but not the plain value K2
        SecretsMasterKeysIT.Jar started = SecretsMasterKeysIT.Jar.start(Map.of(
                "STRATA_JWT_KEYS_K1", K1, "STRATA_JWT_KEYS_K2", K2, "STRATA_JWT_ACTIVE_KEY", "K2"));
        try {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
            while (!started.output().contains("signing with '") && started.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String output = started.output();
            String line = output.lines().filter(l -> l.contains("JWT keys: algorithm HS256")).findFirst().orElse(output);
            assertTrue(line.contains("signing with 'k2'"), line);
            assertTrue(line.contains(", k1") && line.contains(", k2"), "the ring lists the lower-cased ids: " + line);
            assertFalse(output.contains(K1) || output.contains(K2), "the keys never appear in the output");
        } finally {
            started.stop();
        }
    }

    private static void assertRefused(String expected, Map<String, Object> properties) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> StrataInstance.start(properties).close());
        Throwable root = refused;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains(expected), String.valueOf(root.getMessage()));
    }

    private static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** The key {@code kid} of a JWK Set document, rebuilt with plain JDK crypto. */
    private static ECPublicKey publicKey(String jwks, String kid) throws GeneralSecurityException {
        Matcher key = Pattern.compile("\\{[^{}]*\"kid\":\"" + kid + "\"[^{}]*}").matcher(jwks);
        assertTrue(key.find(), jwks);
        assertTrue(key.group().contains("\"crv\":\"P-256\"") && key.group().contains("\"kty\":\"EC\""), key.group());
        BigInteger x = new BigInteger(1, Base64.getUrlDecoder().decode(field(key.group(), "x")));
        BigInteger y = new BigInteger(1, Base64.getUrlDecoder().decode(field(key.group(), "y")));
        ECPublicKey template = (ECPublicKey) ecKeyPair().getPublic();
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), template.getParams()));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }
}
