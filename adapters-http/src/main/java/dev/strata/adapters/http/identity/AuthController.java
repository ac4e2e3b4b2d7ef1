package dev.strata.adapters.http.identity;

import dev.strata.adapters.http.error.Problems;
import dev.strata.adapters.http.ratelimits.RateLimitHeaders;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.ClientAddressResolver;
import dev.strata.adapters.http.security.JwtCodec;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.identity.port.ConfirmPasswordResetCommand;
import dev.strata.application.identity.port.ConfirmPasswordResetUseCase;
import dev.strata.application.identity.port.FindUserQuery;
import dev.strata.application.identity.port.FindUserUseCase;
import dev.strata.application.identity.port.LoginUserCommand;
import dev.strata.application.identity.port.LoginUserUseCase;
import dev.strata.application.identity.port.RegisterUserCommand;
import dev.strata.application.identity.port.RegisterUserUseCase;
import dev.strata.application.identity.port.RequestPasswordResetCommand;
import dev.strata.application.identity.port.RequestPasswordResetUseCase;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.application.sessions.port.ManageSessionsUseCase;
import dev.strata.application.sessions.port.RefreshSessionCommand;
import dev.strata.application.sessions.port.RefreshSessionUseCase;
import dev.strata.application.sessions.port.SessionIdCommand;
import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP adapter: end users ({@code /v1/auth}) — register, login, refresh, logout, me and password reset.
 * Login and register are rate limited per client address by policy {@code auth}, login also per
 * (tenant, email) by {@code auth-login-account}; refresh, password reset and its confirmation have
 * their own {@code auth-*} policies (see {@link RateLimitUseCase}). Every limit is checked before any hashing.
 */
@Controller("/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
public class AuthController {
    private static final String INVALID_CREDENTIALS = "the email or the password is wrong";

    private final RegisterUserUseCase register;
    private final LoginUserUseCase login;
    private final RefreshSessionUseCase refresh;
    private final ManageSessionsUseCase sessions;
    private final FindUserUseCase findUser;
    private final RequestPasswordResetUseCase requestReset;
    private final ConfirmPasswordResetUseCase confirmReset;
    private final RateLimitUseCase rateLimits;
    private final JwtCodec jwt;
    private final AuthSettings settings;
    private final ClientAddressResolver addresses;

    public AuthController(RegisterUserUseCase register, LoginUserUseCase login, RefreshSessionUseCase refresh,
                          ManageSessionsUseCase sessions, FindUserUseCase findUser, RequestPasswordResetUseCase requestReset,
                          ConfirmPasswordResetUseCase confirmReset, RateLimitUseCase rateLimits, JwtCodec jwt,
                          AuthSettings settings, ClientAddressResolver addresses) {
        this.register = register;
        this.login = login;
        this.refresh = refresh;
        this.sessions = sessions;
        this.findUser = findUser;
        this.requestReset = requestReset;
        this.confirmReset = confirmReset;
        this.rateLimits = rateLimits;
        this.jwt = jwt;
        this.settings = settings;
        this.addresses = addresses;
    }

    @Operation(summary = "Register an end user (rate limited per client address by policy 'auth'); 409 when the email exists")
    @Post("/register")
    public HttpResponse<?> register(HttpRequest<?> request, @Body @Valid CredentialsRequest body) {
        var decision = rateLimits.consumeAuth(addresses.bucketOf(request));
        if (!decision.allowed()) {
            return RateLimitHeaders.tooMany(request, decision);
        }
        RegisterUserUseCase.Registration outcome = register.register(
                new RegisterUserCommand(new TenantSlug(body.tenant()), new Email(body.email()), body.password()));
        if (outcome instanceof RegisterUserUseCase.Registered registered) {
            return RateLimitHeaders.apply(HttpResponse.status(HttpStatus.CREATED)
                    .body(new UserCreatedResponse(registered.userId().value())), decision);
        }
        return busy(request);
    }

    @Operation(summary = "Log in with email and password: a session, an access JWT carrying sid, and a refresh token. "
            + "Wrong email or password: the same 401; a locked account: 423 with Retry-After")
    @Post("/login")
    public HttpResponse<?> login(HttpRequest<?> request, @Body @Valid CredentialsRequest body) {
        var decision = rateLimits.consumeAuth(addresses.bucketOf(request));
        if (!decision.allowed()) {
            return RateLimitHeaders.tooMany(request, decision);
        }
        TenantSlug tenant = new TenantSlug(body.tenant());
        Email email = new Email(body.email());
        var perAccount = rateLimits.consumeGuard(RateLimitUseCase.AUTH_LOGIN_ACCOUNT, accountKey(tenant, email));
        if (!perAccount.allowed()) {
            return RateLimitHeaders.tooMany(request, perAccount);
        }
        LoginUserUseCase.LoginResult result = login.login(new LoginUserCommand(tenant, email, body.password()));
        if (result instanceof LoginUserUseCase.LoggedIn in) {
            return RateLimitHeaders.apply(tokens(in.tenantId(), in.userId(), in.sessionId(), in.refreshToken()), decision);
        }
        if (result instanceof LoginUserUseCase.LockedOut locked) {
            long seconds = Math.max(1, Duration.between(Instant.now(), locked.until()).toSeconds() + 1);
            return Problems.response(request, HttpStatus.LOCKED, "auth.account_locked",
                    "too many failed logins; the account is locked for now").header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        if (result instanceof LoginUserUseCase.Busy) {
            return busy(request);
        }
        return Problems.response(request, HttpStatus.UNAUTHORIZED, "auth.invalid_credentials", INVALID_CREDENTIALS);
    }

    @Operation(summary = "Trade a refresh token for a new pair; the old one is spent, and presenting a spent one ends the session")
    @Post("/refresh")
    public HttpResponse<?> refresh(HttpRequest<?> request, @Body @Valid RefreshRequest body) {
        var decision = rateLimits.consumeGuard(RateLimitUseCase.AUTH_REFRESH, addresses.bucketOf(request));
        if (!decision.allowed()) {
            return RateLimitHeaders.tooMany(request, decision);
        }
        Optional<RefreshSessionUseCase.Refreshed> refreshed = refresh.refresh(new RefreshSessionCommand(body.refreshToken()));
        if (refreshed.isEmpty()) {
            return Problems.response(request, HttpStatus.UNAUTHORIZED, "auth.invalid_refresh_token",
                    "the refresh token is invalid, expired or spent");
        }
        RefreshSessionUseCase.Refreshed r = refreshed.get();
        return tokens(r.tenantId(), r.userId(), r.sessionId(), r.refreshToken());
    }

    @Operation(summary = "End the caller's session: its access tokens are refused from now on, on every instance")
    @Post("/logout")
    @RequiresScope("user")
    @SecurityRequirement(name = "bearerAuth")
    @Status(HttpStatus.NO_CONTENT)
    public void logout(@RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        sessions.end(new SessionIdCommand(new SessionId(principal.sessionId().orElseThrow())));
    }

    @Operation(summary = "The calling end user: userId, tenantId, email, sessionId")
    @Get("/me")
    @RequiresScope("user")
    @SecurityRequirement(name = "bearerAuth")
    public MeResponse me(@RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal) {
        FindUserUseCase.UserView user = findUser.findUser(new FindUserQuery(new UserId(principal.subject())))
                .orElseThrow(() -> new NotFoundException("sessions.user_not_found", "user not found"));
        return new MeResponse(user.userId().value(), principal.tenantId().toString(), user.email().value(),
                principal.sessionId().orElseThrow());
    }

    @Operation(summary = "Ask for a password reset: always 202 (or 429 when rate limited per client address and per "
            + "(tenant, email)); the token goes only to the tenant mailer's signed webhook (strata.auth.reset-webhook.url); "
            + "the event auth.password_reset.requested on topic auth-notifications carries userId, requestId and expiresAt, "
            + "never the token")
    @Post("/password-reset")
    public HttpResponse<?> passwordReset(HttpRequest<?> request, @Body @Valid PasswordResetRequest body) {
        var decision = rateLimits.consumeGuard(RateLimitUseCase.AUTH_RESET, addresses.bucketOf(request));
        if (!decision.allowed()) {
            return RateLimitHeaders.tooMany(request, decision);
        }
        TenantSlug tenant = new TenantSlug(body.tenant());
        Email email = new Email(body.email());
        var perAccount = rateLimits.consumeGuard(RateLimitUseCase.AUTH_RESET_ACCOUNT, accountKey(tenant, email));
        if (!perAccount.allowed()) {
            return RateLimitHeaders.tooMany(request, perAccount);
        }
        requestReset.requestReset(new RequestPasswordResetCommand(tenant, email));
        return HttpResponse.accepted();
    }

    @Operation(summary = "Set a new password with a reset token: 204; ends every session of the user and clears the lockout. "
            + "A used or expired token: 400")
    @Post("/password-reset/confirm")
    public HttpResponse<?> confirm(HttpRequest<?> request, @Body @Valid PasswordResetConfirmRequest body) {
        var decision = rateLimits.consumeGuard(RateLimitUseCase.AUTH_RESET_CONFIRM, addresses.bucketOf(request));
        if (!decision.allowed()) {
            return RateLimitHeaders.tooMany(request, decision);
        }
        return switch (confirmReset.confirmReset(new ConfirmPasswordResetCommand(body.token(), body.newPassword()))) {
            case DONE -> HttpResponse.noContent();
            case BUSY -> busy(request);
            case INVALID_TOKEN -> Problems.response(request, HttpStatus.BAD_REQUEST, "auth.invalid_reset_token",
                    "the reset token is invalid, used or expired");
        };
    }

    private MutableHttpResponse<LoginResponse> tokens(TenantId tenant, UserId user, SessionId session, String refreshToken) {
        long ttl = settings.accessTokenTtl().toSeconds();
        String access = jwt.issue(tenant, user.value(), Set.of(Scope.USER), Optional.of(session.value()), ttl);
        return HttpResponse.ok(new LoginResponse(access, refreshToken, "Bearer", ttl, session.value()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache");
    }

    private static MutableHttpResponse<?> busy(HttpRequest<?> request) {
        return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE,
                "The server is busy checking passwords; retry shortly.").header(HttpHeaders.RETRY_AFTER, "1");
    }

    /**
     * The per-account limit key: a digest of (tenant, normalised email), so that Redis never holds the
     * address itself. Counted whether or not the account exists: the limit tells nothing about accounts.
     */
    static String accountKey(TenantSlug tenant, Email email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenant.value() + "\n" + email.value()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
