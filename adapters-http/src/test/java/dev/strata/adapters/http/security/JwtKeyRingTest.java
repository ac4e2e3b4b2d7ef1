package dev.strata.adapters.http.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.exceptions.ConfigurationException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The JWT key ring behind {@link JwtCodec}: sign with the active key, verify with every listed one, refuse weak keys. */
class JwtKeyRingTest {
    private static final String K1 = "k1-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final String K2 = "k2-secret-9876543210-ZYXWVUTSRQPONMLKJIHGFEDCBA";
    private static final String LEGACY = "legacy-secret-0123456789-abcdefghijklmnopqrst";
    private static final TenantId TENANT = TenantId.random();

    @Test
    void signsWithTheActiveKeyAndNamesItInTheHeader() {
        JwtCodec codec = codec("HS256", null, keys("k1", K1, "k2", K2), "k2");
        String token = codec.issueClientToken(TENANT, ClientId.random().value(), Set.of(Scope.ADMIN));
        String header = decode(token.split("\\.")[0]);
        assertTrue(header.contains("\"kid\":\"k2\""), header);
        assertTrue(header.contains("\"alg\":\"HS256\""), header);
        assertTrue(header.contains("\"typ\":\"JWT\""), header);
        assertTrue(hmacValid(token, "HmacSHA256", K2), "signed with k2, the active key");
        assertFalse(hmacValid(token, "HmacSHA256", K1));
        assertEquals(TENANT, codec.verify(token).orElseThrow().tenantId());
    }

    @Test
    void aKeyRotatesWithoutLoggingAnyoneOut() {
        JwtCodec before = codec("HS256", null, keys("k1", K1), "k1");
        JwtCodec listed = codec("HS256", null, keys("k1", K1, "k2", K2), "k1");
        JwtCodec after = codec("HS256", null, keys("k1", K1, "k2", K2), "k2");
        JwtCodec retired = codec("HS256", null, keys("k2", K2), "k2");
        String old = token(before);
        String fromListed = token(listed);
        String fresh = token(after);

        assertTrue(after.verify(old).isPresent(), "a token signed under the old active key still verifies after the switch");
        assertTrue(after.verify(fromListed).isPresent());
        assertTrue(listed.verify(fresh).isPresent(), "an instance that lists k2 but still signs with k1 accepts k2 tokens");
        assertTrue(before.verify(fresh).isEmpty(), "an instance that does not list k2 refuses its tokens: list first, activate next");
        assertTrue(retired.verify(fresh).isPresent());
        assertTrue(retired.verify(old).isEmpty(), "once k1 is removed from the ring, its tokens are refused");
    }

    @Test
    void unknownKidAndAKidThatDoesNotMatchTheSignatureAreRefused() {
        JwtCodec codec = codec("HS256", null, keys("k1", K1, "k2", K2), "k1");
        String claims = honestClaims();
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", claims, "HmacSHA256", K1)).isPresent(), "control");
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k3\"}", claims, "HmacSHA256", K1)).isEmpty(), "unknown kid");
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k2\"}", claims, "HmacSHA256", K1)).isEmpty(), "kid k2, signed by k1");
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":7}", claims, "HmacSHA256", K1)).isEmpty(), "kid not a string");
    }

    @Test
    void aTokenWithoutKidIsVerifiedWithTheLegacyKeyOnly() {
        String claims = honestClaims();
        String noKidLegacy = forge("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256", LEGACY);
        String noKidK1 = forge("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256", K1);
        JwtCodec withLegacy = codec("HS256", LEGACY, keys("k1", K1), "k1");
        assertTrue(withLegacy.verify(noKidLegacy).isPresent(), "tokens issued before key ids existed stay valid until they expire");
        assertTrue(withLegacy.verify(noKidK1).isEmpty(), "without kid only the key 'default' (strata.jwt.secret) is tried");
        JwtCodec ringOnly = codec("HS256", null, keys("k1", K1), "k1");
        assertTrue(ringOnly.verify(noKidK1).isEmpty(), "a ring without the key 'default' refuses tokens without kid");
    }

    @Test
    void theSecretAloneIsAOneKeyRingNamedDefault() {
        JwtCodec codec = codec("HS256", LEGACY, null, null);
        String token = token(codec);
        assertTrue(decode(token.split("\\.")[0]).contains("\"kid\":\"default\""));
        assertTrue(hmacValid(token, "HmacSHA256", LEGACY));
        assertTrue(codec.verify(token).isPresent());
    }

    @Test
    void thePinnedAlgorithmIsTheOnlyOneAccepted() {
        JwtCodec codec = codec("HS256", null, keys("k1", K1), "k1");
        String claims = honestClaims();
        String[] forged = {
            b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + b64(claims) + ".",
            b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".",
            forge("{\"alg\":\"HS512\",\"typ\":\"JWT\",\"kid\":\"k1\"}", claims, "HmacSHA512", K1),
            forge("{\"alg\":\"HS384\",\"typ\":\"JWT\",\"kid\":\"k1\"}", claims, "HmacSHA384", K1),
            forge("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", claims, "HmacSHA256", K1),
            forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\",\"crit\":[\"exp\"]}", claims, "HmacSHA256", K1),
            forge("{\"alg\":\"HS256\",\"typ\":\"JOSE+JSON\",\"kid\":\"k1\"}", claims, "HmacSHA256", K1),
            forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", claims, "HmacSHA256", "wrong-key-wrong-key-wrong-key-wrong-key!"),
        };
        for (String token : forged) {
            assertTrue(codec.verify(token).isEmpty(), "must refuse " + decode(token.split("\\.")[0]));
        }
    }

    @Test
    void es256SignsWithTheActiveKeyAndPublishesEveryPublicKey() throws Exception {
        KeyPair k1 = ecKeyPair();
        KeyPair k2 = ecKeyPair();
        JwtCodec codec = codec("ES256", null, keys("k1", pem(k1), "k2", base64(k2)), "k2");
        String token = token(codec);
        assertTrue(decode(token.split("\\.")[0]).contains("\"alg\":\"ES256\""));
        assertTrue(codec.verify(token).isPresent());

        String jwks = codec.publicJwks().orElseThrow();
        assertFalse(jwks.contains("\"d\""), "no private part: " + jwks);
        assertEquals(k1.getPublic(), publicKey(jwks, "k1"), "the derived public key is the key pair's");
        assertEquals(k2.getPublic(), publicKey(jwks, "k2"));
        String[] parts = token.split("\\.");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey(jwks, "k2"));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])), "the published key verifies the token");

        JwtCodec other = codec("ES256", null, keys("k1", pem(k1)), "k1");
        assertTrue(codec.verify(token(other)).isPresent(), "k1 still verifies");
        assertTrue(other.verify(token).isEmpty(), "k2 unknown there");
        assertTrue(codec("HS256", LEGACY, null, null).publicJwks().isEmpty(), "HMAC keys are never published");
    }

    @Test
    void es256RefusesATokenSignedByAnyOtherKeyWhateverItsHeaderClaims() throws Exception {
        KeyPair k1 = ecKeyPair();
        KeyPair attacker = ecKeyPair();
        JwtCodec codec = codec("ES256", null, keys("k1", pem(k1)), "k1");
        String claims = honestClaims();
        assertTrue(codec.verify(es256("{\"alg\":\"ES256\",\"kid\":\"k1\"}", claims, k1)).isPresent(), "control");
        assertTrue(codec.verify(es256("{\"alg\":\"ES256\",\"kid\":\"k1\"}", claims, attacker)).isEmpty(), "another key under kid k1");
        assertTrue(codec.verify(es256("{\"alg\":\"ES256\",\"kid\":\"k1\",\"jku\":\"http://127.0.0.1:1/keys\"}", claims, attacker)).isEmpty(),
                "a key set URL in the header is never fetched");
        assertTrue(codec.verify(es256("{\"alg\":\"ES256\"}", claims, k1)).isEmpty(), "no kid and no key 'default'");
        assertTrue(codec.verify(es256("{\"alg\":\"ES384\",\"kid\":\"k1\"}", claims, k1)).isEmpty(), "another EC size");
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"kid\":\"k1\"}", claims, "HmacSHA256", codec.publicJwks().orElseThrow())).isEmpty(),
                "HS256 keyed with the public key (algorithm confusion)");
    }

    @Test
    void shortLowEntropyOrMisfitKeysStopTheStart() {
        assertRefused("at least 32 bytes", () -> codec("HS256", "short-key", null, null));
        assertRefused("strata.jwt.keys.k2 must be at least 32 bytes", () -> codec("HS256", null, keys("k1", K1, "k2", "tiny"), "k1"));
        assertRefused("distinct byte values", () -> codec("HS256", "a".repeat(64), null, null));
        assertRefused("distinct byte values", () -> codec("HS256", null, keys("k1", "0123456789abcd".repeat(4)), null));
        assertRefused("at least 64 bytes", () -> codec("HS512", K1, null, null));
        assertRefused("active-key", () -> codec("HS256", null, keys("k1", K1, "k2", K2), null));
        assertRefused("active-key", () -> codec("HS256", null, keys("k1", K1), "k9"));
        assertRefused("strata.jwt.keys.default", () -> codec("HS256", LEGACY, keys("default", K1), null));
        assertRefused("key id", () -> codec("HS256", null, keys("k 1", K1), null));
        assertRefused("PKCS#8", () -> codec("ES256", null, keys("k1", K1), null));
        assertRefused("one of HS256", () -> codec("none", K1, null, null));
        assertRefused("required outside dev mode", () -> codec("HS256", null, null, null));
        assertRefused("distinct byte values", () -> new JwtCodec(settings("HS256", null, keys("k1", "b".repeat(40)), null), Instant::now, true));
    }

    @Test
    void devModeGeneratesAKeyOnlyWhenNoneIsConfigured() {
        JwtCodec dev = new JwtCodec(settings("HS256", null, null, null), Instant::now, true);
        assertTrue(dev.verify(token(dev)).isPresent());
        JwtCodec devEc = new JwtCodec(settings("ES256", null, null, null), Instant::now, true);
        assertTrue(devEc.verify(token(devEc)).isPresent());
        assertTrue(devEc.publicJwks().orElseThrow().contains("\"kid\":\"dev\""));
        JwtCodec configuredDev = new JwtCodec(settings("HS256", null, keys("dev", K1), null), Instant::now, true);
        assertTrue(hmacValid(token(configuredDev), "HmacSHA256", K1), "a configured key is used in dev mode too");
    }

    @Test
    void refusalsNeverShowTheKey() {
        String weak = "abcdefghijabcdefghijabcdefghijabcdefghij";
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> codec("HS256", null, keys("k1", weak), null));
        assertFalse(refused.getMessage().contains(weak), refused.getMessage());
        assertFalse(codec("HS256", null, keys("k1", K1), null).toString().contains(K1));
        assertFalse(settings("HS256", LEGACY, keys("k1", K1), null).toString().contains(K1));
    }

    @Test
    void theRingBindsFromEnvironmentVariables() {
        Map<String, Object> env = Map.of("STRATA_JWT_KEYS_K1", K1, "STRATA_JWT_KEYS_K2", K2, "STRATA_JWT_ACTIVE_KEY", "k2");
        try (io.micronaut.context.ApplicationContext context = io.micronaut.context.ApplicationContext.builder()
                .propertySources(io.micronaut.context.env.PropertySource.of("env", env,
                        io.micronaut.context.env.PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .singletons((dev.strata.domain.shared.Clock) Instant::now)
                .start()) {
            JwtSettings settings = context.getBean(JwtSettings.class);
            assertEquals(Set.of("k1", "k2"), settings.keys().keySet(), settings.toString());
            String token = token(context.getBean(JwtCodec.class));
            assertTrue(decode(token.split("\\.")[0]).contains("\"kid\":\"k2\""));
        }
    }

    @Test
    void anActiveKeyIdFromTheEnvironmentKeepsItsCaseButNamesTheLowerCasedKey() {
        Map<String, Object> env = Map.of("STRATA_JWT_KEYS_K1", K1, "STRATA_JWT_KEYS_K2", K2, "STRATA_JWT_ACTIVE_KEY", "K2");
        try (io.micronaut.context.ApplicationContext context = io.micronaut.context.ApplicationContext.builder()
                .propertySources(io.micronaut.context.env.PropertySource.of("env", env,
                        io.micronaut.context.env.PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .singletons((dev.strata.domain.shared.Clock) Instant::now)
                .start()) {
            JwtSettings settings = context.getBean(JwtSettings.class);
            assertEquals(Set.of("k1", "k2"), settings.keys().keySet(), "Micronaut lower-cases the map keys");
            assertEquals("K2", settings.activeKey(), "but not a plain value");
            String token = token(context.getBean(JwtCodec.class));
            assertTrue(decode(token.split("\\.")[0]).contains("\"kid\":\"k2\""));
            assertTrue(hmacValid(token, "HmacSHA256", K2), "signed with K2, the active key, not a fallback");
        }
    }

    @Test
    void keyIdsAreCaseInsensitiveAndTokensIssuedUnderEitherCaseStillVerify() {
        JwtCodec codec = codec("HS256", null, keys("K1", K1, "k2", K2), "K1");
        String token = token(codec);
        assertTrue(decode(token.split("\\.")[0]).contains("\"kid\":\"k1\""), "ids are held lower-cased");
        assertTrue(hmacValid(token, "HmacSHA256", K1));
        String claims = honestClaims();
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"K1\"}", claims, "HmacSHA256", K1)).isPresent(),
                "a token issued with kid K1 before ids were lower-cased");
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"K2\"}", claims, "HmacSHA256", K2)).isPresent());
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"K2\"}", claims, "HmacSHA256", K1)).isEmpty(),
                "kid K2 still needs k2's signature");
        assertTrue(codec.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"DEFAULT\"}", claims, "HmacSHA256", K1)).isEmpty());
        JwtCodec legacy = codec("HS256", LEGACY, keys("k1", K1), "k1");
        assertTrue(legacy.verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"Default\"}", claims, "HmacSHA256", LEGACY)).isPresent());
    }

    @Test
    void twoKeyIdsDifferingOnlyInCaseAreRefused() {
        assertRefused("strata.jwt.keys.k1 is configured twice (ids are case-insensitive)",
                () -> codec("HS256", null, keys("k1", K1, "K1", K2), "k1"));
        assertRefused("strata.jwt.secret is the key 'default'", () -> codec("HS256", LEGACY, keys("Default", K1), "default"));
        assertRefused("must be 1-64 of a-z 0-9", () -> codec("HS256", null, keys("k 1", K1), null));
        assertRefused("active-key", () -> codec("HS256", null, keys("k1", K1, "k2", K2), "k3"));
    }

    // ---- support --------------------------------------------------------------------------------

    private static void assertRefused(String expected, org.junit.jupiter.api.function.Executable start) {
        ConfigurationException refused = assertThrows(ConfigurationException.class, start);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    private static JwtCodec codec(String algorithm, String secret, Map<String, String> keys, String active) {
        return new JwtCodec(settings(algorithm, secret, keys, active), Instant::now, false);
    }

    private static JwtSettings settings(String algorithm, String secret, Map<String, String> keys, String active) {
        return new JwtSettings(secret, keys, active, algorithm, "strata", Duration.ofHours(1), Duration.ofSeconds(30));
    }

    private static Map<String, String> keys(String... pairs) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return keys;
    }

    private static String token(JwtCodec codec) {
        return codec.issue(TENANT, ClientId.random().value(), Set.of(Scope.ADMIN), Optional.empty(), 600);
    }

    private static String honestClaims() {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"strata\",\"sub\":\"" + ClientId.random().value() + "\",\"tid\":\"" + TENANT + "\",\"scope\":\"admin\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
    }

    private static String forge(String header, String claims, String jca, String key) {
        String input = b64(header) + "." + b64(claims);
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(input, jca, key));
    }

    private static boolean hmacValid(String token, String jca, String key) {
        String[] parts = token.split("\\.");
        return java.security.MessageDigest.isEqual(hmac(parts[0] + "." + parts[1], jca, key), Base64.getUrlDecoder().decode(parts[2]));
    }

    private static byte[] hmac(String input, String jca, String key) {
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), jca));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    private static String es256(String header, String claims, KeyPair key) throws GeneralSecurityException {
        String input = b64(header) + "." + b64(claims);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
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

    private static String base64(KeyPair pair) {
        assertTrue(pair.getPrivate() instanceof ECPrivateKey);
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }

    /** The key {@code kid} of a JWK Set, read with plain JDK crypto. */
    private static ECPublicKey publicKey(String jwks, String kid) throws GeneralSecurityException {
        Matcher key = Pattern.compile("\\{[^{}]*\"kid\":\"" + kid + "\"[^{}]*}").matcher(jwks);
        assertTrue(key.find(), jwks);
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
