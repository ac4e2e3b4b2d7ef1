package dev.strata.application.sessions;

import dev.strata.application.sessions.port.VerifyAccessQuery;
import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.sessions.port.ClientRegistry;
import java.time.Duration;

/**
 * Service implementing {@link VerifyAccessUseCase}: Redis answers in the normal case; when it has
 * no record (flushed, restarted, first use) or is down, Postgres answers and the result is put
 * back into Redis.
 */
public class VerifyAccessService implements VerifyAccessUseCase {
    private final ClientRegistry clients;
    private final AccessRevocations revocations;
    private final Duration longestTokenLifetime;

    public VerifyAccessService(ClientRegistry clients, AccessRevocations revocations, Duration longestTokenLifetime) {
        this.clients = clients;
        this.revocations = revocations;
        this.longestTokenLifetime = longestTokenLifetime;
    }

    @Override
    public boolean isAllowed(VerifyAccessQuery query) {
        switch (revocations.clientStatus(query.clientId())) {
            case ACTIVE:
                return true;
            case REVOKED:
                return false;
            default:
                boolean active = clients.find(query.clientId()).isPresent();
                revocations.remember(query.clientId(), active,
                        active ? DeleteClientService.ACTIVE_RECORD_TTL : longestTokenLifetime);
                return active;
        }
    }
}
