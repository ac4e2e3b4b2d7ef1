package dev.strata.adapters.http.security;

import dev.strata.domain.sessions.Scope;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.RandomTokens;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: signs and verifies Strata's JWTs. Exactly one HMAC algorithm is accepted, pinned by
 * configuration: a token whose header names any other ({@code none}, RS256, another HS size) is
 * refused before its signature is even looked at. Outside dev mode the process refuses to start
 * without a key of at least 32 bytes: the bean is created eagerly, so the check runs before the
 * server listens. (The admin command line, environment {@code cli}, signs nothing and skips it.)
 */
@Context
@Requires(notEnv = "cli")
public class JwtCodec {
    private static final Logger LOG = LoggerFactory.getLogger(JwtCodec.class);
    private static final Map<String, String> JCA = Map.of("HS256", "HmacSHA256", "HS384", "HmacSHA384", "HS512", "HmacSHA512");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final JsonMapper json;
    private final JwtSettings settings;
    private final Clock clock;
    private final String algorithm;
    private final String jcaName;
    private final SecretKeySpec key;
    private final String encodedHeader;
    /** One initialised MAC per thread: provider lookup and key setup cost more than the HMAC itself. */
    private final ThreadLocal<Mac> macs;
    /**
     * Signature-verified principals by token, so that a client re-sending its token skips the HMAC and
     * JSON work. Only validly signed tokens enter; expiry and issue time are checked again on every
     * use; whether the principal is still allowed is the filter's business (the access view). Caffeine:
     * reads take no lock, unlike an access-ordered map.
     */
    private final Cache<String, AccessPrincipal> verified = Caffeine.newBuilder().maximumSize(VERIFIED_CACHE_SIZE).build();
    private static final int VERIFIED_CACHE_SIZE = 10_000;

    public JwtCodec(JsonMapper json, JwtSettings settings, Clock clock, Environment environment) {
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.algorithm = settings.algorithm();
        this.jcaName = JCA.get(algorithm);
        if (jcaName == null) {
            throw new ConfigurationException("strata.jwt.algorithm must be one of HS256, HS384, HS512");
        }
        this.key = new SecretKeySpec(resolveSecret(settings, environment), jcaName);
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.encodedHeader = B64.encodeToString(("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resolveSecret(JwtSettings settings, Environment environment) {
        String secret = settings.secret();
        if (secret == null || secret.isBlank()) {
            if (environment.getActiveNames().contains(Environment.DEVELOPMENT)) {
                LOG.warn("*** strata.jwt.secret (STRATA_JWT_SECRET) is not set: DEV MODE generated a random signing key. "
                        + "Tokens will not survive a restart and other instances will refuse them. Never run like this in production. ***");
                return RandomTokens.next(48).getBytes(StandardCharsets.US_ASCII);
            }
            throw new ConfigurationException("strata.jwt.secret (env STRATA_JWT_SECRET) is required outside dev mode: "
                    + "set it to at least 32 random bytes, e.g. `openssl rand -base64 48`");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new ConfigurationException("strata.jwt.secret (env STRATA_JWT_SECRET) must be at least 32 bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** A signed token of a service client. */
    public String issueClientToken(TenantId tenant, String clientId, Set<Scope> scopes) {
        return issue(tenant, clientId, scopes, Optional.empty(), settings.clientTokenTtl().toSeconds());
    }

    /** A signed token; {@code sessionId} present for end users. */
    public String issue(TenantId tenant, String subject, Set<Scope> scopes, Optional<String> sessionId, long ttlSeconds) {
        long now = clock.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.issuer());
        claims.put("sub", subject);
        claims.put("tid", tenant.toString());
        claims.put("scope", Scope.join(scopes));
        sessionId.ifPresent(sid -> claims.put("sid", sid));
        claims.put("iat", now);
        claims.put("exp", now + ttlSeconds);
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String payload = B64.encodeToString(json.writeValueAsBytes(claims));
            String signingInput = encodedHeader + "." + payload;
            return signingInput + "." + B64.encodeToString(sign(signingInput));
        } catch (IOException e) {
            throw new IllegalStateException("could not encode JWT claims", e);
        }
    }

    /** Verifies a compact JWT: pinned algorithm, signature, issuer, expiry, issue time, claim shapes. */
    public Optional<AccessPrincipal> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        AccessPrincipal known = verified.getIfPresent(token);
        if (known != null) {
            return timely(known);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = decode(parts[0]);
            if (!algorithm.equals(header.get("alg")) || header.containsKey("crit")
                    || (header.containsKey("typ") && !"JWT".equals(header.get("typ")))) {
                return Optional.empty();
            }
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            Optional<AccessPrincipal> principal = principal(decode(parts[1]));
            principal.ifPresent(p -> verified.put(token, p));
            return principal;
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private Optional<AccessPrincipal> principal(Map<String, Object> claims) {
        long now = clock.now().getEpochSecond();
        long skew = settings.clockSkew().toSeconds();
        if (!(claims.get("sub") instanceof String sub) || sub.isEmpty()
                || !(claims.get("tid") instanceof String tid)
                || !(claims.get("scope") instanceof String scope)
                || !(claims.get("jti") instanceof String jti)
                || !(claims.get("iat") instanceof Number iat)
                || !(claims.get("exp") instanceof Number exp)
                || !settings.issuer().equals(claims.get("iss"))) {
            return Optional.empty();
        }
        Object sid = claims.get("sid");
        if (sid != null && !(sid instanceof String)) {
            return Optional.empty();
        }
        if (exp.longValue() <= now - skew || iat.longValue() > now + skew || exp.longValue() <= iat.longValue()) {
            return Optional.empty();
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : scope.split(" ")) {
            if (!name.isEmpty()) {
                Optional<Scope> parsed = Scope.fromWire(name);
                if (parsed.isEmpty()) {
                    return Optional.empty();
                }
                scopes.add(parsed.get());
            }
        }
        TenantId tenant;
        try {
            tenant = new TenantId(UUID.fromString(tid));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new AccessPrincipal(sub, tenant, scopes, Optional.ofNullable((String) sid), jti,
                Instant.ofEpochSecond(iat.longValue()), Instant.ofEpochSecond(exp.longValue())));
    }

    private Map<String, Object> decode(String part) throws IOException {
        Map<String, Object> map = json.readValue(B64D.decode(part), Argument.mapOf(String.class, Object.class));
        if (map == null) {
            throw new IOException("empty JSON");
        }
        return map;
    }

    private Optional<AccessPrincipal> timely(AccessPrincipal principal) {
        long now = clock.now().getEpochSecond();
        long skew = settings.clockSkew().toSeconds();
        if (principal.expiresAt().getEpochSecond() <= now - skew || principal.issuedAt().getEpochSecond() > now + skew) {
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    private byte[] sign(String signingInput) {
        return macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
    }

    /** Lifetime of client tokens, the longest any token lives; revocation records must outlive it. */
    public java.time.Duration longestTokenLifetime() {
        return settings.clientTokenTtl().plus(settings.clockSkew());
    }

    @Override
    public String toString() {
        return "JwtCodec[" + algorithm + ", key=<redacted>, " + Arrays.toString(new String[] {settings.issuer()}) + "]";
    }
}
