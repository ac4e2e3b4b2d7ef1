package dev.strata.adapters.http.identity;

import dev.strata.adapters.http.error.Problems;
import dev.strata.adapters.http.ratelimits.RateLimitHeaders;
import dev.strata.adapters.http.security.ClientAddressResolver;
import dev.strata.adapters.http.security.JwtCodec;
import dev.strata.adapters.http.security.JwtSettings;
import dev.strata.application.identity.port.IssueClientTokenCommand;
import dev.strata.application.identity.port.IssueClientTokenUseCase;
import dev.strata.application.identity.port.IssueClientTokenUseCase.Busy;
import dev.strata.application.identity.port.IssueClientTokenUseCase.Granted;
import dev.strata.application.identity.port.IssueClientTokenUseCase.InvalidClient;
import dev.strata.application.identity.port.IssueClientTokenUseCase.InvalidScope;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP adapter: the OAuth 2.0 client-credentials grant, {@code POST /v1/auth/token}. Rate limited per client
 * address ({@code auth-token}) and per client id ({@code auth-token-client}) before any secret is hashed; the
 * hashing itself runs on the bounded pool, which answers 503 with Retry-After when it is full. The whole
 * request is handled on {@link AuthAdmission}'s few workers, never on the unbounded blocking executor.
 */
@Controller("/v1/auth")
@Tag(name = "auth")
public class TokenController {
    private final IssueClientTokenUseCase issueToken;
    private final JwtCodec jwt;
    private final JwtSettings settings;
    private final RateLimitUseCase rateLimits;
    private final ClientAddressResolver addresses;
    private final AuthAdmission admission;

    public TokenController(IssueClientTokenUseCase issueToken, JwtCodec jwt, JwtSettings settings,
                           RateLimitUseCase rateLimits, ClientAddressResolver addresses, AuthAdmission admission) {
        this.issueToken = issueToken;
        this.jwt = jwt;
        this.settings = settings;
        this.rateLimits = rateLimits;
        this.addresses = addresses;
        this.admission = admission;
    }

    @Operation(summary = "Client-credentials grant (RFC 6749 §4.4): form or JSON; HTTP Basic client authentication accepted. "
            + "Rate limited per client address and per client id (429); 503 with Retry-After while secret checks are saturated")
    @Post("/token")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    public CompletableFuture<HttpResponse<?>> token(HttpRequest<?> request, @Body @Nullable TokenRequest body) {
        return admission.<HttpResponse<?>>submit(() -> grant(request, body))
                .orElseGet(() -> CompletableFuture.completedFuture(busy(request, "The server is busy with token requests; retry shortly.")));
    }

    private HttpResponse<?> grant(HttpRequest<?> request, @Nullable TokenRequest body) {
        TokenRequest form = body == null ? new TokenRequest(null, null, null, null) : body;
        if (form.grantType() == null || form.grantType().isBlank()) {
            return Problems.response(request, HttpStatus.BAD_REQUEST, "auth.invalid_request", "grant_type is required");
        }
        if (!"client_credentials".equals(form.grantType())) {
            return Problems.response(request, HttpStatus.BAD_REQUEST, "auth.unsupported_grant_type",
                    "only grant_type=client_credentials is supported here");
        }
        String[] basic = basicCredentials(request);
        String clientId = basic != null ? basic[0] : form.clientId();
        String secret = basic != null ? basic[1] : form.clientSecret();
        RateDecision perAddress = rateLimits.consumeGuard(RateLimitUseCase.AUTH_TOKEN, addresses.bucketOf(request));
        if (!perAddress.allowed()) {
            return RateLimitHeaders.tooMany(request, perAddress);
        }
        if (!ClientId.isWellFormed(clientId)) {
            // not the shape the registry issues: refused at once, no lookup and no hash
            return invalidClient(request);
        }
        RateDecision perClient = rateLimits.consumeGuard(RateLimitUseCase.AUTH_TOKEN_CLIENT, clientId);
        if (!perClient.allowed()) {
            return RateLimitHeaders.tooMany(request, perClient);
        }
        Optional<Set<String>> scopes = Optional.ofNullable(form.scope()).filter(s -> !s.isBlank())
                .map(s -> new LinkedHashSet<>(Arrays.asList(s.trim().split(" +"))));
        IssueClientTokenUseCase.TokenDecision decision =
                issueToken.issueClientToken(new IssueClientTokenCommand(clientId, secret, scopes));
        if (decision instanceof InvalidClient) {
            return invalidClient(request);
        }
        if (decision instanceof Busy) {
            return busy(request, "The server is busy checking client secrets; retry shortly.");
        }
        if (decision instanceof InvalidScope invalid) {
            return Problems.response(request, HttpStatus.BAD_REQUEST, "auth.invalid_scope", invalid.detail());
        }
        Granted granted = (Granted) decision;
        String token = jwt.issueClientToken(granted.tenantId(), granted.clientId().value(), granted.scopes());
        return HttpResponse.ok(new TokenResponse(token, "Bearer", settings.clientTokenTtl().toSeconds(), Scope.join(granted.scopes())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache");
    }

    private static MutableHttpResponse<?> busy(HttpRequest<?> request, String detail) {
        return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE, detail)
                .header(HttpHeaders.RETRY_AFTER, "1");
    }

    private static MutableHttpResponse<?> invalidClient(HttpRequest<?> request) {
        return Problems.response(request, HttpStatus.UNAUTHORIZED, "auth.invalid_client", "client authentication failed")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"strata\"");
    }

    private static String[] basicCredentials(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .map(value -> {
                    try {
                        String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                        int colon = decoded.indexOf(':');
                        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                })
                .orElse(null);
    }
}
