package dev.strata.adapters.http.security;

import dev.strata.application.sessions.port.WatchAccessQuery;
import dev.strata.application.sessions.port.WatchAccessUseCase;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import jakarta.inject.Singleton;

/**
 * HTTP adapter: the credential watch of a long-lived response (Server-Sent Events). The authentication filter
 * checks a token once, when the request arrives; a stream outlives that moment, so it is ended when its
 * credential ends — client deleted, session ended, token expired — see {@link WatchAccessUseCase}.
 */
@Singleton
public class CredentialWatch {
    private final WatchAccessUseCase watches;

    public CredentialWatch(WatchAccessUseCase watches) {
        this.watches = watches;
    }

    /** Starts watching {@code principal}'s credential; {@code onEnd} runs (once, off the caller's thread) when it ends. */
    public WatchAccessUseCase.Watch open(AccessPrincipal principal, Runnable onEnd) {
        WatchAccessQuery query = principal.isClient()
                ? WatchAccessQuery.client(new ClientId(principal.subject()), principal.expiresAt())
                : WatchAccessQuery.session(new SessionId(principal.sessionId().get()), new UserId(principal.subject()),
                        principal.expiresAt());
        return TenantContext.callAs(principal.tenantId(), () -> watches.watch(query, onEnd));
    }
}
