package dev.strata.bootstrap;

import dev.strata.adapters.http.events.EventsSettings;
import dev.strata.adapters.http.security.JwtSettings;
import dev.strata.adapters.http.sessions.SessionsSettings;
import dev.strata.application.sessions.AccessView;
import dev.strata.application.sessions.ManageSessionsService;
import dev.strata.application.sessions.RefreshSessionService;
import dev.strata.application.sessions.TieredSessionStore;
import dev.strata.application.sessions.VerifyAccessService;
import dev.strata.application.sessions.VerifySessionService;
import dev.strata.application.sessions.WatchAccessService;
import dev.strata.application.sessions.port.ManageSessionsUseCase;
import dev.strata.application.sessions.port.RefreshSessionUseCase;
import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.application.sessions.port.WatchAccessUseCase;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.sessions.port.KnownClients;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.port.RevocationChannel;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Wiring of the session use cases and of the per-request access checks and watches. */
@Factory
class SessionsFactory {
    /** The most principals one instance remembers as allowed (a flood of new ones clears it, never grows it). */
    private static final int ACCESS_VIEW_MAX_ENTRIES = 100_000;

    @Singleton
    VerifyAccessUseCase verifyAccess(KnownClients clients, AccessRevocations revocations, JwtSettings jwt, AccessView view) {
        return new VerifyAccessService(clients, revocations, IdentityFactory.longestTokenLifetime(jwt), view);
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

    @Singleton
    @Bean(typed = TieredSessionStore.class)
    TieredSessionStore sessionStore(@Named("durable") SessionStore durable, @Named("live") SessionStore live, AccessView view) {
        return new TieredSessionStore(durable, live, view);
    }

    @Singleton
    RefreshSessionUseCase refreshSession(RefreshTokens refreshTokens, TieredSessionStore sessions, SessionsSettings settings, Clock clock) {
        return new RefreshSessionService(refreshTokens, sessions, settings.ttl(), settings.sliding(), clock);
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
}
