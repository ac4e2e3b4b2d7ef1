package dev.strata.bootstrap;

import dev.strata.adapters.http.identity.AuthSettings;
import dev.strata.adapters.http.identity.LockoutSettings;
import dev.strata.adapters.http.identity.PasswordHashSettings;
import dev.strata.adapters.http.identity.ResetWebhookSettings;
import dev.strata.adapters.http.identity.WebhookPasswordResetNotifier;
import dev.strata.adapters.http.security.JwtSettings;
import dev.strata.adapters.http.sessions.SessionsSettings;
import dev.strata.application.identity.Argon2PasswordHasher;
import dev.strata.application.identity.ConfirmPasswordResetService;
import dev.strata.application.identity.CreateClientService;
import dev.strata.application.identity.CreateTenantService;
import dev.strata.application.identity.DeleteClientService;
import dev.strata.application.identity.FindUserService;
import dev.strata.application.identity.IssueClientTokenService;
import dev.strata.application.identity.ListClientsService;
import dev.strata.application.identity.LoginUserService;
import dev.strata.application.identity.PasswordHashing;
import dev.strata.application.identity.Pbkdf2SecretHasher;
import dev.strata.application.identity.RegisterUserService;
import dev.strata.application.identity.RequestPasswordResetService;
import dev.strata.application.identity.port.ConfirmPasswordResetUseCase;
import dev.strata.application.identity.port.CreateClientUseCase;
import dev.strata.application.identity.port.CreateTenantUseCase;
import dev.strata.application.identity.port.DeleteClientUseCase;
import dev.strata.application.identity.port.FindUserUseCase;
import dev.strata.application.identity.port.IssueClientTokenUseCase;
import dev.strata.application.identity.port.ListClientsUseCase;
import dev.strata.application.identity.port.LoginUserUseCase;
import dev.strata.application.identity.port.RegisterUserUseCase;
import dev.strata.application.identity.port.RequestPasswordResetUseCase;
import dev.strata.application.sessions.AccessView;
import dev.strata.application.sessions.TieredSessionStore;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.identity.LockoutPolicy;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.identity.port.LoginListener;
import dev.strata.domain.identity.port.PasswordResetNotifier;
import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.identity.port.SecretHasher;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.sessions.port.KnownClients;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UnitOfWork;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Wiring of the identity use cases (tenants, service clients, tokens, end users, passwords). */
@Factory
class IdentityFactory {
    @Singleton
    SecretHasher secretHasher(@Value("${strata.auth.client-secret-hash-iterations:100000}") int iterations) {
        return new Pbkdf2SecretHasher(iterations);
    }

    @Singleton
    CreateClientUseCase createClient(ClientRegistry clients, SecretHasher hasher, Clock clock) {
        return new CreateClientService(clients, hasher, clock);
    }

    @Singleton
    CreateTenantUseCase createTenant(TenantDirectory tenants, CreateClientUseCase createClient, UnitOfWork unitOfWork, Clock clock) {
        return new CreateTenantService(tenants, createClient, unitOfWork, clock);
    }

    @Singleton
    ListClientsUseCase listClients(ClientRegistry clients) {
        return new ListClientsService(clients);
    }

    @Singleton
    DeleteClientUseCase deleteClient(ClientRegistry clients, AccessRevocations revocations, JwtSettings jwt, AccessView view) {
        return new DeleteClientService(clients, revocations, longestTokenLifetime(jwt), view);
    }

    /** Client-secret checks share the bounded password-hashing pool: all slow hashing together stays within its bounds. */
    @Singleton
    IssueClientTokenUseCase issueClientToken(ClientRegistry clients, SecretHasher hasher, PasswordHashing passwords) {
        return new IssueClientTokenService(clients, passwords.sharing(hasher));
    }

    /** The sessions area's question "does this client still exist?", answered by the client registry. */
    @Singleton
    KnownClients knownClients(ClientRegistry clients) {
        return id -> clients.find(id).isPresent();
    }

    /** The longest a client token can stay valid: its lifetime plus the accepted clock skew. */
    static Duration longestTokenLifetime(JwtSettings jwt) {
        return jwt.clientTokenTtl().plus(jwt.clockSkew());
    }

    @Singleton
    @Bean(preDestroy = "close")
    PasswordHashing passwordHashing(PasswordHashSettings settings) {
        return new PasswordHashing(new Argon2PasswordHasher(settings.memoryKib(), settings.iterations(), settings.parallelism()),
                settings.effectiveThreads(), settings.queue(), settings.maxWait());
    }

    /**
     * The default notifier: the signed webhook of strata.auth.reset-webhook (without a URL it drops
     * resets with a warning). Built at start-up, so a URL without a secret stops the process outside dev
     * mode; secondary, so a notifier an operator (or a test) registers takes its place.
     */
    @Context
    @Secondary
    @Bean(preDestroy = "close")
    WebhookPasswordResetNotifier resetWebhook(ResetWebhookSettings settings, JsonMapper json, Clock clock, Environment environment,
                                              @Nullable MeterRegistry registry) {
        return new WebhookPasswordResetNotifier(settings, environment.getActiveNames().contains(Environment.DEVELOPMENT),
                json, clock, registry);
    }

    @Singleton
    RegisterUserUseCase registerUser(TenantDirectory tenants, UserDirectory users, PasswordHashing hashing, Clock clock) {
        return new RegisterUserService(tenants, users, hashing, clock);
    }

    @Singleton
    LoginUserUseCase loginUser(TenantDirectory tenants, UserDirectory users, LoginAttempts attempts, TieredSessionStore sessions,
                               RefreshTokens refreshTokens, PasswordHashing hashing, LockoutSettings lockout,
                               SessionsSettings settings, Clock clock, List<LoginListener> listeners) {
        return new LoginUserService(tenants, users, attempts, sessions, refreshTokens, hashing,
                new LockoutPolicy(lockout.maxFailures(), lockout.window(), lockout.duration()), settings.ttl(), clock,
                (tenant, user) -> listeners.forEach(listener -> listener.loggedIn(tenant, user)));
    }

    @Singleton
    FindUserUseCase findUser(UserDirectory users) {
        return new FindUserService(users);
    }

    @Singleton
    RequestPasswordResetUseCase requestPasswordReset(TenantDirectory tenants, UserDirectory users, PasswordResets resets,
                                                     PasswordResetNotifier notifier, @Nullable EventLog events,
                                                     AuthSettings auth, Clock clock) {
        // the event is the audit fact (userId, requestId, expiresAt); only the notifier carries the token
        return new RequestPasswordResetService(tenants, users, resets, notifier, Optional.ofNullable(events),
                auth.resetTokenTtl(), clock);
    }

    @Singleton
    ConfirmPasswordResetUseCase confirmPasswordReset(PasswordResets resets, UserDirectory users, TieredSessionStore sessions,
                                                     LoginAttempts attempts, PasswordHashing hashing, UnitOfWork unitOfWork,
                                                     Clock clock) {
        return new ConfirmPasswordResetService(resets, users, sessions, attempts, hashing, unitOfWork, clock);
    }

    /** Prometheus view of the hashing pool: hashes run and hashes refused as busy (login, register, reset, client secrets). */
    @Singleton
    MeterBinder passwordHashingMetrics(PasswordHashing hashing) {
        return registry -> {
            FunctionCounter.builder("strata.auth.hashes", hashing, PasswordHashing::hashesStarted)
                    .description("slow hashes (Argon2id passwords, PBKDF2 client secrets) started on the bounded pool")
                    .register(registry);
            FunctionCounter.builder("strata.auth.hashes.refused", hashing, PasswordHashing::hashesRefused)
                    .description("hashes refused because the bounded pool was full or the wait too long (answered 503)")
                    .register(registry);
        };
    }
}
