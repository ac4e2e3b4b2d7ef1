package dev.strata.bootstrap;

import dev.strata.adapters.http.events.EventsSettings;
import dev.strata.adapters.http.security.JwtSettings;
import dev.strata.application.identity.CreateClientService;
import dev.strata.application.identity.CreateTenantService;
import dev.strata.application.identity.DeleteClientService;
import dev.strata.application.identity.IssueClientTokenService;
import dev.strata.application.identity.ListClientsService;
import dev.strata.application.identity.PasswordHashing;
import dev.strata.application.identity.Pbkdf2SecretHasher;
import dev.strata.application.identity.port.CreateClientUseCase;
import dev.strata.application.identity.port.CreateTenantUseCase;
import dev.strata.application.identity.port.DeleteClientUseCase;
import dev.strata.application.identity.port.IssueClientTokenUseCase;
import dev.strata.application.identity.port.ListClientsUseCase;
import dev.strata.application.sessions.AccessView;
import dev.strata.application.sessions.VerifyAccessService;
import dev.strata.application.sessions.WatchAccessService;
import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.application.sessions.port.WatchAccessUseCase;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.identity.port.SecretHasher;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UnitOfWork;
import dev.strata.domain.shared.port.RevocationChannel;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Wiring of the identity use cases (tenants, service clients, tokens). */
@Factory
class IdentityFactory {
    /** The most principals one instance remembers as allowed (a flood of new ones clears it, never grows it). */
    private static final int ACCESS_VIEW_MAX_ENTRIES = 100_000;

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

    @Singleton
    VerifyAccessUseCase verifyAccess(ClientRegistry clients, AccessRevocations revocations, JwtSettings jwt, AccessView view) {
        return new VerifyAccessService(id -> clients.find(id).isPresent(), revocations, longestTokenLifetime(jwt), view);
    }

    /**
     * This instance's memory of allowed clients and live sessions, kept coherent over the revocation
     * channel; built at start-up so that it listens before anything is remembered.
     */
    @Context
    @Bean(preDestroy = "close")
    AccessView accessView(RevocationChannel channel) {
        return new AccessView(channel, AccessRevocations.ACTIVE_RECORD_TTL, ACCESS_VIEW_MAX_ENTRIES).start();
    }

    @Singleton
    @Named("access-watches")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService accessWatchScheduler() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "strata-access-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Watches of the credentials behind live feeds: re-checked against the stores as often as a feed checks
     * for missed events ({@code strata.events.sse-poll-interval}).
     */
    @Singleton
    WatchAccessUseCase watchAccess(AccessView view, VerifyAccessUseCase access, VerifySessionUseCase sessions, Clock clock,
                                   @Named("access-watches") ScheduledExecutorService scheduler, EventsSettings events) {
        return new WatchAccessService(view, access, sessions, clock, scheduler, events.ssePollInterval());
    }

    private static Duration longestTokenLifetime(JwtSettings jwt) {
        return jwt.clientTokenTtl().plus(jwt.clockSkew());
    }
}
