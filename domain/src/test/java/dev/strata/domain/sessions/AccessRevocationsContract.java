package dev.strata.domain.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.sessions.port.AccessRevocations.Status;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link AccessRevocations}: the in-memory fake and the Redis adapter extend it. Callers always
 * run in the token's tenant context (Redis keys are tenant-prefixed), so every test runs inside a fresh
 * tenant. Expiry is checked through {@link #elapse}.
 */
public abstract class AccessRevocationsContract extends ContractSupport {
    protected AccessRevocations revocations;

    /** Hook: the store under test; called before each test. */
    protected abstract AccessRevocations createSubject();

    private TenantId previousTenant;

    @BeforeEach
    void createRevocations() {
        revocations = createSubject();
        previousTenant = TenantContext.swap(newTenant());
    }

    @AfterEach
    void leaveTenant() {
        TenantContext.swap(previousTenant);
    }

    @Test
    void anUnrecordedClientIsUnknown() {
        assertEquals(Status.UNKNOWN, revocations.clientStatus(ClientId.random()));
    }

    @Test
    void remembersWhatTheDurableStoreSaid() {
        ClientId active = ClientId.random();
        ClientId inactive = ClientId.random();
        revocations.remember(active, true, Duration.ofMinutes(5));
        revocations.remember(inactive, false, Duration.ofMinutes(5));
        assertEquals(Status.ACTIVE, revocations.clientStatus(active));
        assertEquals(Status.REVOKED, revocations.clientStatus(inactive));
    }

    @Test
    void aRevokedClientIsRevoked() {
        ClientId id = ClientId.random();
        revocations.remember(id, true, Duration.ofMinutes(5));
        revocations.revoke(id, Duration.ofMinutes(15));
        assertEquals(Status.REVOKED, revocations.clientStatus(id));
    }

    @Test
    void aLateActiveAnswerNeverRevivesARevokedClient() {
        ClientId id = ClientId.random();
        revocations.revoke(id, Duration.ofMinutes(15));
        revocations.remember(id, true, Duration.ofMinutes(5));
        assertEquals(Status.REVOKED, revocations.clientStatus(id));
    }

    @Test
    void statusesAreForgottenWhenTheirTimeToLiveHasPassed() {
        ClientId shortActive = ClientId.random();
        ClientId shortRevoked = ClientId.random();
        ClientId longRevoked = ClientId.random();
        revocations.remember(shortActive, true, Duration.ofMillis(400));
        revocations.revoke(shortRevoked, Duration.ofMillis(400));
        revocations.revoke(longRevoked, Duration.ofHours(1));
        elapse(Duration.ofMillis(1200));
        assertEquals(Status.UNKNOWN, revocations.clientStatus(shortActive));
        assertEquals(Status.UNKNOWN, revocations.clientStatus(shortRevoked));
        assertEquals(Status.REVOKED, revocations.clientStatus(longRevoked));
    }

    @Test
    void clientsAreIndependent() {
        ClientId revoked = ClientId.random();
        ClientId untouched = ClientId.random();
        revocations.revoke(revoked, Duration.ofMinutes(15));
        assertEquals(Status.UNKNOWN, revocations.clientStatus(untouched));
    }
}
