package dev.strata.adapters.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: signs and verifies Strata's JWTs through micronaut-security-jwt (Nimbus JOSE), with the
 * keys of a {@link JwtKeyRing}: the active key signs and names itself in the {@code kid} header, every
 * listed key verifies. Exactly one algorithm is accepted, pinned by configuration: a token whose header
 * names any other ({@code none}, RS256, another HS size) is refused before its signature is even looked
 * at. Outside dev mode the process refuses to start without keys, or with a short or low-entropy key: the
 * bean is created eagerly, so the check runs before the server listens. (The admin command line,
 * environment {@code cli}, signs nothing and skips it.)
 */
@Context
@Requires(notEnv = "cli")
public class JwtCodec {
    private static final Logger LOG = LoggerFactory.getLogger(JwtCodec.class);
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final JwtSettings settings;
    private final Clock clock;
    private final JwtKeyRing ring;
    private final JWSAlgorithm algorithm;
    /**
     * Signature-verified principals by token, so that a client re-sending its token skips the signature and
     * JSON work. Only validly signed tokens enter; expiry and issue time are checked again on every
     * use; whether the principal is still allowed is the filter's business (the access view). Caffeine:
     * reads take no lock, unlike an access-ordered map.
     */
    private final Cache<String, AccessPrincipal> verified = Caffeine.newBuilder().maximumSize(VERIFIED_CACHE_SIZE).build();
    private static final int VERIFIED_CACHE_SIZE = 10_000;

    @Inject
    public JwtCodec(JwtSettings settings, Clock clock, Environment environment) {
        this(settings, clock, environment.getActiveNames().contains(Environment.DEVELOPMENT));
    }

    JwtCodec(JwtSettings settings, Clock clock, boolean devMode) {
        this.settings = settings;
        this.clock = clock;
        this.ring = JwtKeyRing.of(settings.algorithm(), settings.secret(), settings.keys(), settings.activeKey(), devMode);
        this.algorithm = ring.algorithm();
        if (ring.generated()) {
            LOG.warn("*** strata.jwt.secret (STRATA_JWT_SECRET) and strata.jwt.keys are not set: DEV MODE generated a random signing key. "
                    + "Tokens will not survive a restart and other instances will refuse them. Never run like this in production. ***");
        }
        LOG.info("JWT keys: algorithm {}, key ids {}, signing with '{}'", algorithm, ring.keyIds(), ring.activeKid());
    }

    /** A signed token of a service client. */
    public String issueClientToken(TenantId tenant, String clientId, Set<Scope> scopes) {
        return issue(tenant, clientId, scopes, Optional.empty(), settings.clientTokenTtl().toSeconds());
    }

    /** A signed token; {@code sessionId} present for end users. */
    public String issue(TenantId tenant, String subject, Set<Scope> scopes, Optional<String> sessionId, long ttlSeconds) {
        long now = clock.now().getEpochSecond();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(subject)
                .claim("tid", tenant.toString())
                .claim("scope", Scope.join(scopes));
        sessionId.ifPresent(sid -> claims.claim("sid", sid));
        claims.issueTime(Date.from(Instant.ofEpochSecond(now)))
                .expirationTime(Date.from(Instant.ofEpochSecond(now + ttlSeconds)))
                .jwtID(UUID.randomUUID().toString());
        try {
            return ring.sign(claims.build()).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a JWT", e);
        }
    }

    /**
     * Verifies a compact JWT: pinned algorithm, key id, signature, issuer, expiry, issue time, claim shapes.
     * A token seen before answers from memory (expiry and issue time checked again).
     */
    public Optional<AccessPrincipal> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        AccessPrincipal known = verified.getIfPresent(token);
        if (known != null) {
            return timely(known);
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!algorithm.equals(header.getAlgorithm()) || header.getCriticalParams() != null
                    || (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType()))) {
                return Optional.empty();
            }
            if (!ring.verify(jwt)) {
                return Optional.empty();
            }
            Optional<AccessPrincipal> principal = principal(jwt.getJWTClaimsSet());
            principal.ifPresent(p -> verified.put(token, p));
            return principal;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<AccessPrincipal> principal(JWTClaimsSet claims) {
        long now = clock.now().getEpochSecond();
        long skew = settings.clockSkew().toSeconds();
        String sub = claims.getSubject();
        Date iat = claims.getIssueTime();
        Date exp = claims.getExpirationTime();
        if (sub == null || sub.isEmpty()
                || !(claims.getClaim("tid") instanceof String tid)
                || !(claims.getClaim("scope") instanceof String scope)
                || claims.getJWTID() == null
                || iat == null || exp == null
                || !settings.issuer().equals(claims.getIssuer())) {
            return Optional.empty();
        }
        Object sid = claims.getClaim("sid");
        if (sid != null && !(sid instanceof String)) {
            return Optional.empty();
        }
        long issuedAt = iat.toInstant().getEpochSecond();
        long expiresAt = exp.toInstant().getEpochSecond();
        if (expiresAt <= now - skew || issuedAt > now + skew || expiresAt <= issuedAt) {
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
        return Optional.of(new AccessPrincipal(sub, tenant, scopes, Optional.ofNullable((String) sid), claims.getJWTID(),
                Instant.ofEpochSecond(issuedAt), Instant.ofEpochSecond(expiresAt)));
    }

    private Optional<AccessPrincipal> timely(AccessPrincipal principal) {
        long now = clock.now().getEpochSecond();
        long skew = settings.clockSkew().toSeconds();
        if (principal.expiresAt().getEpochSecond() <= now - skew || principal.issuedAt().getEpochSecond() > now + skew) {
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    /** The public keys as a JWK Set document, when the algorithm is asymmetric (ES256); empty for HMAC. */
    public Optional<String> publicJwks() {
        return ring.publicJwks();
    }

    /** Lifetime of client tokens, the longest any token lives; revocation records must outlive it. */
    public java.time.Duration longestTokenLifetime() {
        return settings.clientTokenTtl().plus(settings.clockSkew());
    }

    @Override
    public String toString() {
        return "JwtCodec[" + algorithm + ", keys=" + ring.keyIds() + ", active=" + ring.activeKid() + ", issuer=" + settings.issuer() + "]";
    }
}
