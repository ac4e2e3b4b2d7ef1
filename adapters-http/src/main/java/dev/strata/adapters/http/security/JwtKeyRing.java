package dev.strata.adapters.http.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.strata.domain.shared.KeyIds;
import dev.strata.domain.shared.RandomTokens;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGenerator;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * HTTP adapter: the ring of JWT keys, by key id ({@code kid}). Every listed key verifies the tokens whose
 * header names it; the active key signs, writing its id into the header, so a new key is rolled out by
 * listing it everywhere first and making it active next, without logging anyone out. Signing and verifying
 * are micronaut-security-jwt's ({@link SecretSignature} for HS256/384/512, {@link ECSignatureGenerator} for
 * ES256; Nimbus JOSE underneath). The ring refuses, at start, a key shorter than 32 bytes (or than its HMAC
 * algorithm's hash), with fewer than 16 distinct byte values, or that does not fit the pinned algorithm.
 */
final class JwtKeyRing {
    /** The key id of {@code strata.jwt.secret}; it also verifies tokens that carry no {@code kid}. */
    static final String LEGACY_KID = "default";
    /** The key id of the key dev mode generates when none is configured. */
    static final String DEV_KID = "dev";
    static final int MIN_KEY_BYTES = 32;
    static final int MIN_DISTINCT_BYTES = 16;
    private static final Map<String, Integer> HMAC_MIN_BYTES = Map.of("HS256", 32, "HS384", 48, "HS512", 64);
    private static final String ES256 = "ES256";
    private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]+-----");

    private final JWSAlgorithm algorithm;
    private final Map<String, SignatureGeneratorConfiguration> keys;
    private final String activeKid;
    private final SignatureGeneratorConfiguration active;
    @Nullable
    private final String publicJwks;
    private final boolean generated;

    private JwtKeyRing(JWSAlgorithm algorithm, Map<String, SignatureGeneratorConfiguration> keys, String activeKid,
                       @Nullable String publicJwks, boolean generated) {
        this.algorithm = algorithm;
        this.keys = Collections.unmodifiableMap(keys);
        this.activeKid = activeKid;
        this.active = keys.get(activeKid);
        this.publicJwks = publicJwks;
        this.generated = generated;
    }

    /**
     * The ring the settings describe. {@code secret} is the key {@value #LEGACY_KID}; with no key at all,
     * dev mode generates one and any other mode refuses to start.
     */
    static JwtKeyRing of(String algorithmName, @Nullable String secret, @Nullable Map<String, String> configured,
                         @Nullable String activeKey, boolean devMode) {
        if (!HMAC_MIN_BYTES.containsKey(algorithmName) && !ES256.equals(algorithmName)) {
            throw new ConfigurationException("strata.jwt.algorithm must be one of HS256, HS384, HS512, ES256");
        }
        JWSAlgorithm algorithm = JWSAlgorithm.parse(algorithmName);
        Map<String, String> material = new LinkedHashMap<>();
        if (secret != null && !secret.isBlank()) {
            material.put(LEGACY_KID, secret);
        }
        if (configured != null) {
            for (Map.Entry<String, String> entry : configured.entrySet()) {
                if (secret != null && !secret.isBlank() && LEGACY_KID.equals(KeyIds.normalise(entry.getKey()))) {
                    throw new ConfigurationException("strata.jwt.secret is the key '" + LEGACY_KID
                            + "': do not also set strata.jwt.keys." + LEGACY_KID);
                }
                try {
                    // ids are case-insensitive: an environment variable's map key arrives lower-cased
                    material.put(KeyIds.require("strata.jwt.keys", entry.getKey(), material), entry.getValue());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(e.getMessage());
                }
            }
        }
        Map<String, SignatureGeneratorConfiguration> keys = new LinkedHashMap<>();
        List<JWK> publicKeys = new ArrayList<>();
        if (material.isEmpty()) {
            if (!devMode) {
                throw new ConfigurationException("strata.jwt.secret (env STRATA_JWT_SECRET) or strata.jwt.keys is required "
                        + "outside dev mode: set it to at least 32 random bytes, e.g. `openssl rand -base64 48`");
            }
            if (ES256.equals(algorithmName)) {
                KeyPair pair = generateEcKeyPair();
                keys.put(DEV_KID, ecKey(DEV_KID, (ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic(), publicKeys));
            } else {
                keys.put(DEV_KID, new KeyedSecret(DEV_KID, RandomTokens.next(64), algorithm));
            }
            return new JwtKeyRing(algorithm, keys, DEV_KID, jwks(publicKeys), true);
        }
        for (Map.Entry<String, String> entry : material.entrySet()) {
            String kid = entry.getKey();
            String label = label(kid);
            String value = entry.getValue();
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(label + " is empty");
            }
            if (ES256.equals(algorithmName)) {
                ECPrivateKey privateKey = parseEcPrivateKey(label, value);
                keys.put(kid, ecKey(kid, privateKey, publicKeyOf(label, privateKey), publicKeys));
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                requireStrong(label, bytes, HMAC_MIN_BYTES.get(algorithmName));
                keys.put(kid, new KeyedSecret(kid, value, algorithm));
            }
        }
        String activeKid = activeKey == null || activeKey.isBlank()
                ? (keys.size() == 1 ? keys.keySet().iterator().next() : null)
                : KeyIds.normalise(activeKey);
        if (activeKid == null || !keys.containsKey(activeKid)) {
            throw new ConfigurationException("strata.jwt.active-key must name one of the configured keys " + keys.keySet());
        }
        for (Map.Entry<String, SignatureGeneratorConfiguration> key : keys.entrySet()) {
            selfTest(label(key.getKey()), key.getValue());
        }
        return new JwtKeyRing(algorithm, keys, activeKid, jwks(publicKeys), false);
    }

    /** The pinned algorithm. */
    JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The id of the key that signs. */
    String activeKid() {
        return activeKid;
    }

    /** Whether dev mode generated the only key (none was configured). */
    boolean generated() {
        return generated;
    }

    /** The ids of every key that verifies. */
    Set<String> keyIds() {
        return keys.keySet();
    }

    /** Signs {@code claims} with the active key; the header names the pinned algorithm, {@code typ} JWT and the key id. */
    SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        return active.sign(claims);
    }

    /**
     * Checks the signature with the key the header names, case-insensitively (a token issued as {@code K2}
     * before ids were lower-cased names the key {@code k2}); a token without {@code kid} is checked with the key
     * {@value #LEGACY_KID} alone (tokens issued before key ids existed), or refused when the ring has none.
     * The caller has already pinned the algorithm.
     */
    boolean verify(SignedJWT jwt) throws JOSEException {
        String kid = jwt.getHeader().getKeyID();
        SignatureGeneratorConfiguration key = keys.get(kid == null ? LEGACY_KID : KeyIds.normalise(kid));
        return key != null && key.supports(jwt.getHeader().getAlgorithm()) && key.verify(jwt);
    }

    /** The public keys as a JWK Set document (RFC 7517), for ES256; empty for HMAC, whose keys are never published. */
    Optional<String> publicJwks() {
        return Optional.ofNullable(publicJwks);
    }

    static JWSHeader header(JWSAlgorithm algorithm, String kid) {
        return new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build();
    }

    /** Refuses a key too short for {@code minBytes} or of obviously low entropy; the message never holds the key. */
    static void requireStrong(String label, byte[] key, int minBytes) {
        int min = Math.max(MIN_KEY_BYTES, minBytes);
        if (key.length < min) {
            throw new ConfigurationException(label + " must be at least " + min + " bytes, got " + key.length);
        }
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : key) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        if (distinct < MIN_DISTINCT_BYTES) {
            throw new ConfigurationException(label + " has only " + distinct + " distinct byte values, at least "
                    + MIN_DISTINCT_BYTES + " are required: use random bytes, e.g. `openssl rand -base64 48`");
        }
    }

    private static String label(String kid) {
        return LEGACY_KID.equals(kid) ? "strata.jwt.secret (env STRATA_JWT_SECRET)" : "strata.jwt.keys." + kid;
    }

    private static SignatureGeneratorConfiguration ecKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey, List<JWK> publicKeys) {
        publicKeys.add(new ECKey.Builder(Curve.P_256, publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build());
        return new KeyedEcSignature(new ECSignatureGeneratorConfiguration() {
            @Override
            public ECPrivateKey getPrivateKey() {
                return privateKey;
            }

            @Override
            public ECPublicKey getPublicKey() {
                return publicKey;
            }

            @Override
            public JWSAlgorithm getJwsAlgorithm() {
                return JWSAlgorithm.ES256;
            }

            @Override
            public Optional<String> getKid() {
                return Optional.of(kid);
            }
        });
    }

    @Nullable
    private static String jwks(List<JWK> publicKeys) {
        return publicKeys.isEmpty() ? null : new JWKSet(publicKeys).toString(true);
    }

    /** A PKCS#8 EC private key on P-256, PEM ({@code BEGIN PRIVATE KEY}) or bare base64. */
    static ECPrivateKey parseEcPrivateKey(String label, String text) {
        if (text.contains("EC PRIVATE KEY")) {
            throw new ConfigurationException(label + " is a SEC1 key: convert it to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt`");
        }
        ECPrivateKey key;
        try {
            byte[] der = Base64.getDecoder().decode(PEM_ARMOUR.matcher(text).replaceAll("").replaceAll("\\s", ""));
            key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new ConfigurationException(label + " must be a PKCS#8 EC private key (PEM or base64) for ES256");
        }
        if (Curve.forECParameterSpec(key.getParams()) != Curve.P_256) {
            throw new ConfigurationException(label + " must be a key on curve P-256 for ES256");
        }
        BigInteger order = key.getParams().getOrder();
        if (key.getS().signum() <= 0 || key.getS().compareTo(order) >= 0) {
            throw new ConfigurationException(label + " is not a valid P-256 private key");
        }
        requireStrong(label, fixedLength(key.getS(), 32), MIN_KEY_BYTES);
        return key;
    }

    /** The public key of {@code privateKey}: the curve's generator times the private scalar. */
    static ECPublicKey publicKeyOf(String label, ECPrivateKey privateKey) {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier().multiply(curve.getG(), privateKey.getS()).normalize();
        ECParameterSpec params = privateKey.getParams();
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), params));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(label + ": its public key could not be derived");
        }
    }

    private static KeyPair generateEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 unavailable", e);
        }
    }

    private static byte[] fixedLength(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, fixed, length - copy, copy);
        return fixed;
    }

    /** Signs and verifies a probe with {@code key}, so that a key unfit for the algorithm stops the start, not a request. */
    private static void selfTest(String label, SignatureGeneratorConfiguration key) {
        try {
            SignedJWT probe = key.sign(new JWTClaimsSet.Builder().subject("probe").build());
            if (!key.verify(SignedJWT.parse(probe.serialize()))) {
                throw new ConfigurationException(label + " does not verify its own signature");
            }
        } catch (JOSEException | java.text.ParseException e) {
            throw new ConfigurationException(label + " cannot sign with the pinned algorithm: " + e.getClass().getSimpleName());
        }
    }

    /** One HMAC key of the ring: micronaut-security's {@link SecretSignature}, writing its key id when it signs. */
    private static final class KeyedSecret extends SecretSignature {
        private final String kid;
        private final byte[] secret;

        KeyedSecret(String kid, String secret, JWSAlgorithm algorithm) {
            super(configuration(kid, secret, algorithm));
            this.kid = kid;
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
        }

        private static SecretSignatureConfiguration configuration(String kid, String secret, JWSAlgorithm algorithm) {
            SecretSignatureConfiguration configuration = new SecretSignatureConfiguration(kid);
            configuration.setSecret(secret);
            configuration.setJwsAlgorithm(algorithm);
            return configuration;
        }

        @Override
        public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
            SignedJWT jwt = new SignedJWT(header(algorithm, kid), claims);
            jwt.sign(new MACSigner(secret));
            return jwt;
        }

        @Override
        public String toString() {
            return "KeyedSecret[" + kid + ", <redacted>]";
        }
    }

    /** One ES256 key of the ring: micronaut-security's {@link ECSignatureGenerator}, with {@code typ} JWT in its header. */
    private static final class KeyedEcSignature extends ECSignatureGenerator {
        KeyedEcSignature(ECSignatureGeneratorConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected SignedJWT signWithPrivateKey(JWTClaimsSet claims, ECPrivateKey privateKey, String kid) throws JOSEException {
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.ES256, kid), claims);
            jwt.sign(new ECDSASigner(privateKey));
            return jwt;
        }
    }
}
