package dev.strata.adapters.http.sessions;

import dev.strata.adapters.http.error.Problems;
import dev.strata.adapters.http.security.JwtCodec;
import dev.strata.adapters.http.security.JwtSettings;
import dev.strata.application.sessions.port.IssueClientTokenCommand;
import dev.strata.application.sessions.port.IssueClientTokenUseCase;
import dev.strata.application.sessions.port.IssueClientTokenUseCase.Granted;
import dev.strata.application.sessions.port.IssueClientTokenUseCase.InvalidClient;
import dev.strata.application.sessions.port.IssueClientTokenUseCase.InvalidScope;
import dev.strata.domain.sessions.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** HTTP adapter: the OAuth 2.0 client-credentials grant, {@code POST /v1/auth/token}. */
@Controller("/v1/auth")
@Tag(name = "auth")
public class TokenController {
    private final IssueClientTokenUseCase issueToken;
    private final JwtCodec jwt;
    private final JwtSettings settings;

    public TokenController(IssueClientTokenUseCase issueToken, JwtCodec jwt, JwtSettings settings) {
        this.issueToken = issueToken;
        this.jwt = jwt;
        this.settings = settings;
    }

    @Operation(summary = "Client-credentials grant (RFC 6749 §4.4): form or JSON; HTTP Basic client authentication accepted")
    @Post("/token")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> token(HttpRequest<?> request, @Body @Nullable TokenRequest body) {
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
        Optional<Set<String>> scopes = Optional.ofNullable(form.scope()).filter(s -> !s.isBlank())
                .map(s -> new LinkedHashSet<>(Arrays.asList(s.trim().split(" +"))));
        IssueClientTokenUseCase.TokenDecision decision =
                issueToken.issueClientToken(new IssueClientTokenCommand(clientId, secret, scopes));
        if (decision instanceof InvalidClient) {
            return Problems.response(request, HttpStatus.UNAUTHORIZED, "auth.invalid_client", "client authentication failed")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"strata\"");
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
