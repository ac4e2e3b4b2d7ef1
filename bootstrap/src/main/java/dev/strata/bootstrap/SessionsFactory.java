package dev.strata.bootstrap;

import dev.strata.adapters.http.identity.AuthSettings;
import dev.strata.adapters.http.identity.LockoutSettings;
import dev.strata.adapters.http.identity.PasswordHashSettings;
import dev.strata.adapters.http.identity.ResetWebhookSettings;
import dev.strata.adapters.http.identity.WebhookPasswordResetNotifier;
import dev.strata.adapters.http.sessions.SessionsSettings;
import dev.strata.application.identity.Argon2PasswordHasher;
import dev.strata.application.identity.ConfirmPasswordResetService;
import dev.strata.application.identity.FindUserService;
import dev.strata.application.identity.LoginUserService;
import dev.strata.application.identity.PasswordHashing;
import dev.strata.application.identity.RegisterUserService;
import dev.strata.application.identity.RequestPasswordResetService;
import dev.strata.application.identity.port.ConfirmPasswordResetUseCase;
import dev.strata.application.identity.port.FindUserUseCase;
import dev.strata.application.identity.port.LoginUserUseCase;
import dev.strata.application.identity.port.RegisterUserUseCase;
import dev.strata.application.identity.port.RequestPasswordResetUseCase;
import dev.strata.application.sessions.AccessView;
import dev.strata.application.sessions.ManageSessionsService;
import dev.strata.application.sessions.RefreshSessionService;
import dev.strata.application.sessions.TieredSessionStore;
import dev.strata.application.sessions.VerifySessionService;
import dev.strata.application.sessions.port.ManageSessionsUseCase;
import dev.strata.application.sessions.port.RefreshSessionUseCase;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.identity.LockoutPolicy;
import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.identity.port.PasswordResetNotifier;
import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UnitOfWork;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Wiring of the end-user and session use cases. */
@Factory
class SessionsFactory {
    @Singleton
    @Bean(typed = TieredSessionStore.class)
    TieredSessionStore sessionStore(@Named("durable") SessionStore durable, @Named("live") SessionStore live, AccessView view) {
        return new TieredSessionStore(durable, live, view);
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
                               SessionsSettings settings, Clock clock) {
        return new LoginUserService(tenants, users, attempts, sessions, refreshTokens, hashing,
                new LockoutPolicy(lockout.maxFailures(), lockout.window(), lockout.duration()), settings.ttl(), clock);
    }

    @Singleton
    RefreshSessionUseCase refreshSession(RefreshTokens refreshTokens, TieredSessionStore sessions, SessionsSettings settings, Clock clock) {
        return new RefreshSessionService(refreshTokens, sessions, settings.ttl(), settings.sliding(), clock);
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

    @Singleton
    VerifySessionUseCase verifySession(TieredSessionStore sessions, AccessView view, Clock clock) {
        return new VerifySessionService(sessions, view, clock);
    }

    @Singleton
    ManageSessionsUseCase manageSessions(TieredSessionStore sessions, RefreshTokens refreshTokens, SessionsSettings settings,
                                         Clock clock) {
        return new ManageSessionsService(sessions, refreshTokens, settings.ttl(), settings.sliding(), clock);
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
