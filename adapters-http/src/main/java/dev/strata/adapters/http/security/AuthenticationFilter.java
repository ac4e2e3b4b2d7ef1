package dev.strata.adapters.http.security;

import dev.strata.adapters.http.error.Problems;
import dev.strata.application.sessions.port.VerifyAccessQuery;
import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.application.sessions.port.VerifySessionQuery;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.domain.sessions.ClientId;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.UserId;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.sessions.Scope;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import java.util.Optional;

/**
 * HTTP adapter: authenticates every request that is not public. Verifies the bearer JWT, checks
 * that its principal still exists (revocation, shared by all instances), enforces
 * {@link RequiresScope}, then stores the principal as a request attribute and propagates its
 * tenant as the {@link TenantContext} of the rest of the request.
 *
 * <p>It guards the API, {@code /v1/**} (API.md: every API route lives there). What lies outside —
 * health, metrics, the OpenAPI document, the admin page — is public by contract, and so never pays
 * for this filter's hop to the blocking pool.
 */
@ServerFilter(AuthenticationFilter.API_PATTERN)
public class AuthenticationFilter implements Ordered {
    /** Runs after the request-id filter (so that 401s carry X-Request-Id), before everything else. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    /** The routes this filter guards. */
    public static final String API_PATTERN = "/v1/**";
    private static final String CHALLENGE = "Bearer realm=\"strata\"";

    private final JwtCodec jwt;
    private final VerifyAccessUseCase verifyAccess;
    private final VerifySessionUseCase verifySession;

    public AuthenticationFilter(JwtCodec jwt, VerifyAccessUseCase verifyAccess, VerifySessionUseCase verifySession) {
        this.jwt = jwt;
        this.verifyAccess = verifyAccess;
        this.verifySession = verifySession;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
        if (PublicPaths.isPublic(request.getPath()) || RouteAttributes.getRouteMatch(request).isEmpty()) {
            // Unknown routes fall through to the 404/405 problem answers.
            return null;
        }
        Optional<String> token = bearer(request);
        if (token.isEmpty()) {
            return unauthorized(request, "auth.missing_token", "a bearer token is required", false);
        }
        Optional<AccessPrincipal> verified = jwt.verify(token.get());
        if (verified.isEmpty()) {
            return unauthorized(request, "auth.invalid_token", "the token is invalid or expired", true);
        }
        AccessPrincipal principal = verified.get();
        try {
            if (!TenantContext.callAs(principal.tenantId(), () -> stillAllowed(principal))) {
                return unauthorized(request, "auth.invalid_token", "the token is invalid or expired", true);
            }
        } catch (StoreUnavailableException e) {
            return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "shared.unavailable",
                    "authentication is temporarily unavailable").header(HttpHeaders.RETRY_AFTER, "1");
        }
        Optional<String> missing = missingScope(request, principal);
        if (missing.isPresent()) {
            return Problems.response(request, HttpStatus.FORBIDDEN, "auth.insufficient_scope",
                    "this operation needs scope '" + missing.get() + "'");
        }
        request.setAttribute(AccessPrincipal.ATTRIBUTE, principal);
        propagatedContext.add(new TenantPropagation(principal.tenantId()));
        return null;
    }

    private boolean stillAllowed(AccessPrincipal principal) {
        if (principal.isClient()) {
            return ClientId.isWellFormed(principal.subject())
                    && verifyAccess.isAllowed(new VerifyAccessQuery(new ClientId(principal.subject())));
        }
        // An end-user token lives only as long as its session: logout, session deletion, "end all" and a
        // password reset refuse it from the next request on, on every instance (one Redis read).
        if (!principal.has(Scope.USER) || !SessionId.isWellFormed(principal.sessionId().get())) {
            return false;
        }
        UserId user;
        try {
            user = new UserId(principal.subject());
        } catch (InvalidInputException e) {
            return false;
        }
        return verifySession.isLive(new VerifySessionQuery(new SessionId(principal.sessionId().get()), user));
    }

    private static Optional<String> missingScope(HttpRequest<?> request, AccessPrincipal principal) {
        return RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().stringValues(RequiresScope.class))
                .flatMap(required -> java.util.Arrays.stream(required)
                        .filter(name -> Scope.fromWire(name).map(scope -> !principal.has(scope)).orElse(true))
                        .findFirst());
    }

    private static Optional<String> bearer(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .filter(value -> !value.isEmpty());
    }

    private static HttpResponse<?> unauthorized(HttpRequest<?> request, String code, String detail, boolean invalid) {
        return Problems.response(request, HttpStatus.UNAUTHORIZED, code, detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, invalid ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
    }
}
