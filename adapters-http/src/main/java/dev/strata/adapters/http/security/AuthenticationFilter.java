package dev.strata.adapters.http.security;

import dev.strata.adapters.http.error.Problems;
import dev.strata.application.sessions.port.VerifyAccessQuery;
import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.application.sessions.port.VerifySessionQuery;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * HTTP adapter: authenticates every request that is not public. Verifies the bearer JWT, checks
 * that its principal still exists (revocation, shared by all instances), enforces
 * {@link RequiresScope}, then stores the principal as a request attribute and propagates its
 * tenant as the {@link TenantContext} of the rest of the request.
 *
 * <p>It guards the API, {@code /v1/**} (API.md: every API route lives there); what lies outside —
 * health, metrics, the OpenAPI document, the admin page — is public by contract. The filter is
 * registered for every path and tests the prefix itself: cheaper than a pattern match per request.
 *
 * <p>It runs on the event loop. In the normal case every step is in memory — the token's signature
 * (a cache of verified tokens), and whether its client or session is still allowed (the instance's
 * access view, kept coherent across instances) — and the request goes on without a thread hop. Only
 * when memory cannot answer (first use, a revocation, the channel late or lost) does the check move to
 * the blocking pool, where it reads Redis and, failing that, Postgres.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public class AuthenticationFilter implements Ordered {
    /** Runs after the request-id filter (so that 401s carry X-Request-Id), before everything else. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    /** The prefix of the routes this filter guards. */
    public static final String API_PREFIX = "/v1/";
    private static final String CHALLENGE = "Bearer realm=\"strata\"";

    private final JwtCodec jwt;
    private final VerifyAccessUseCase verifyAccess;
    private final VerifySessionUseCase verifySession;
    private final Executor blocking;
    private final Map<RouteInfo<?>, List<RequiredScope>> requiredScopes = new ConcurrentHashMap<>();

    public AuthenticationFilter(JwtCodec jwt, VerifyAccessUseCase verifyAccess, VerifySessionUseCase verifySession,
                                @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.jwt = jwt;
        this.verifyAccess = verifyAccess;
        this.verifySession = verifySession;
        this.blocking = blocking;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @RequestFilter
    public CompletionStage<HttpRequest<?>> authenticate(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
        String path = request.getPath();
        if (!path.startsWith(API_PREFIX) || PublicPaths.isPublic(path) || RouteAttributes.getRouteMatch(request).isEmpty()) {
            // Outside the API, public, or an unknown route (which falls through to the 404/405 problem answers).
            return CompletableFuture.completedFuture(request);
        }
        Optional<String> token = bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            return deny(unauthorized(request, "auth.missing_token", "a bearer token is required", false));
        }
        Optional<AccessPrincipal> verified = jwt.verify(token.get());
        if (verified.isEmpty()) {
            return deny(unauthorized(request, "auth.invalid_token", "the token is invalid or expired", true));
        }
        AccessPrincipal principal = verified.get();
        // the tenant goes into the propagated context now, while the filter method runs: additions made
        // after it returned (on the blocking pool) would not reach the rest of the request
        propagatedContext.add(new TenantPropagation(principal.tenantId()));
        Boolean known = TenantContext.callAs(principal.tenantId(), () -> knownAllowed(principal));
        if (known) {
            return proceed(request, admit(request, principal));
        }
        // memory cannot vouch for it: ask the stores, off the event loop
        return CompletableFuture.supplyAsync(() -> {
            MutableHttpResponse<?> refusal;
            try {
                refusal = TenantContext.callAs(principal.tenantId(), () -> stillAllowed(principal))
                        ? admit(request, principal)
                        : unauthorized(request, "auth.invalid_token", "the token is invalid or expired", true);
            } catch (StoreUnavailableException e) {
                refusal = Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "shared.unavailable",
                        "authentication is temporarily unavailable").header(HttpHeaders.RETRY_AFTER, "1");
            }
            if (refusal != null) {
                throw new RequestDenied(refusal);
            }
            return request;
        }, blocking);
    }

    /**
     * Goes on with the request, or refuses it. An asynchronous filter refuses by failing: the response
     * travels in a {@link RequestDenied} to its handler (Micronaut reads a stage that completes with no
     * response as an error, not as "go on").
     */
    private static CompletionStage<HttpRequest<?>> proceed(HttpRequest<?> request, @Nullable MutableHttpResponse<?> refusal) {
        return refusal == null ? CompletableFuture.completedFuture(request) : deny(refusal);
    }

    private static CompletionStage<HttpRequest<?>> deny(MutableHttpResponse<?> refusal) {
        return CompletableFuture.failedFuture(new RequestDenied(refusal));
    }

    /** Lets the still-allowed {@code principal} through if it has the route's scopes: null means "go on". */
    @Nullable
    private MutableHttpResponse<?> admit(HttpRequest<?> request, AccessPrincipal principal) {
        Optional<String> missing = missingScope(request, principal);
        if (missing.isPresent()) {
            return Problems.response(request, HttpStatus.FORBIDDEN, "auth.insufficient_scope",
                    "this operation needs scope '" + missing.get() + "'");
        }
        request.setAttribute(AccessPrincipal.ATTRIBUTE, principal);
        return null;
    }

    /**
     * The principal behind an {@code Authorization} header when memory alone vouches for it: a bearer token
     * with a valid signature whose client or session this instance knows to be still allowed. Empty when
     * the full check must decide (no or a bad token, first use, a revocation, the channel late or lost).
     * Never blocks; the route's scopes are the caller's to check.
     */
    public Optional<AccessPrincipal> vouchedFor(@Nullable String authorization) {
        Optional<AccessPrincipal> verified = bearer(authorization).flatMap(jwt::verify);
        if (verified.isEmpty()) {
            return verified;
        }
        AccessPrincipal principal = verified.get();
        return TenantContext.callAs(principal.tenantId(), () -> knownAllowed(principal)) ? verified : Optional.empty();
    }

    /**
     * The principal behind an {@code Authorization} header, asking the stores when memory cannot vouch for it:
     * the filter's own check, for a caller already off the event loop. Empty when the token is missing, bad or
     * no longer allowed, and when the stores cannot tell (the filter then answers 401 or 503 itself). Blocks.
     */
    public Optional<AccessPrincipal> checkedFor(@Nullable String authorization) {
        Optional<AccessPrincipal> verified = bearer(authorization).flatMap(jwt::verify);
        if (verified.isEmpty()) {
            return verified;
        }
        AccessPrincipal principal = verified.get();
        try {
            return TenantContext.callAs(principal.tenantId(), () -> knownAllowed(principal) || stillAllowed(principal))
                    ? verified : Optional.empty();
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    /** What memory alone can tell: true only when the principal is known to be still allowed. */
    private boolean knownAllowed(AccessPrincipal principal) {
        if (principal.isClient()) {
            return ClientId.isWellFormed(principal.subject())
                    && verifyAccess.isKnownAllowed(new VerifyAccessQuery(new ClientId(principal.subject())));
        }
        return sessionQuery(principal).map(verifySession::isKnownLive).orElse(false);
    }

    private boolean stillAllowed(AccessPrincipal principal) {
        if (principal.isClient()) {
            return ClientId.isWellFormed(principal.subject())
                    && verifyAccess.isAllowed(new VerifyAccessQuery(new ClientId(principal.subject())));
        }
        // An end-user token lives only as long as its session: logout, session deletion, "end all" and a
        // password reset refuse it from the next request on, on every instance.
        return sessionQuery(principal).map(verifySession::isLive).orElse(false);
    }

    /** The session check an end-user token asks for; empty when the token cannot be one. */
    private static Optional<VerifySessionQuery> sessionQuery(AccessPrincipal principal) {
        if (!principal.has(Scope.USER) || !SessionId.isWellFormed(principal.sessionId().get())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VerifySessionQuery(new SessionId(principal.sessionId().get()), new UserId(principal.subject())));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    /** The first scope the route requires and the principal lacks (a name that is no scope is never held). */
    private Optional<String> missingScope(HttpRequest<?> request, AccessPrincipal principal) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return Optional.empty();
        }
        for (RequiredScope required : requiredScopes.computeIfAbsent(route.get().getRouteInfo(), AuthenticationFilter::required)) {
            if (required.scope() == null || !principal.has(required.scope())) {
                return Optional.of(required.name());
            }
        }
        return Optional.empty();
    }

    /** What {@link RequiresScope} asks of a route, read once per route. */
    private static List<RequiredScope> required(RouteInfo<?> route) {
        return Arrays.stream(route.getAnnotationMetadata().stringValues(RequiresScope.class))
                .map(name -> new RequiredScope(name, Scope.fromWire(name).orElse(null)))
                .toList();
    }

    private record RequiredScope(String name, @Nullable Scope scope) {
    }

    private static Optional<String> bearer(@Nullable String authorization) {
        return Optional.ofNullable(authorization)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .filter(value -> !value.isEmpty());
    }

    private static MutableHttpResponse<?> unauthorized(HttpRequest<?> request, String code, String detail, boolean invalid) {
        return Problems.response(request, HttpStatus.UNAUTHORIZED, code, detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, invalid ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
    }
}
