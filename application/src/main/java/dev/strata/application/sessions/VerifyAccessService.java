package dev.strata.application.sessions;

import dev.strata.application.sessions.port.VerifyAccessQuery;
import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.sessions.port.KnownClients;
import java.time.Duration;

/**
 * Service implementing {@link VerifyAccessUseCase}: this instance's {@link AccessView} answers in the
 * normal case; otherwise Redis, and when it has no record (flushed, restarted, first use) or is down,
 * Postgres answers and the result is put back into Redis. A client found allowed is remembered in the view.
 */
public class VerifyAccessService implements VerifyAccessUseCase {
    private final KnownClients clients;
    private final AccessRevocations revocations;
    private final Duration longestTokenLifetime;
    private final AccessView view;

    public VerifyAccessService(KnownClients clients, AccessRevocations revocations, Duration longestTokenLifetime,
                               AccessView view) {
        this.clients = clients;
        this.revocations = revocations;
        this.longestTokenLifetime = longestTokenLifetime;
        this.view = view;
    }

    @Override
    public boolean isKnownAllowed(VerifyAccessQuery query) {
        return view.knowsClient(query.clientId().value());
    }

    @Override
    public boolean isAllowed(VerifyAccessQuery query) {
        String clientId = query.clientId().value();
        return view.checkClientOnce(clientId, check -> {
            boolean allowed = checkStores(query);
            if (allowed) {
                view.rememberClient(clientId, check);
            }
            return allowed;
        });
    }

    private boolean checkStores(VerifyAccessQuery query) {
        switch (revocations.clientStatus(query.clientId())) {
            case ACTIVE:
                return true;
            case REVOKED:
                return false;
            default:
                boolean active = clients.exists(query.clientId());
                revocations.remember(query.clientId(), active,
                        active ? AccessRevocations.ACTIVE_RECORD_TTL : longestTokenLifetime);
                return active;
        }
    }
}
