package dev.strata.application.secrets;

import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Application service: one pass of the rotation reminder. Walks the tenants, claims in each the secrets whose
 * current version fell due (the store's claim hands each due version to exactly one instance) and tells each
 * claimed version as {@link SecretChanges.Change#ROTATION_DUE} (published as {@code secret.rotation_due}) in the
 * claim's unit of work: a claim commits with its events, or neither does and the next pass claims again.
 */
public final class RotationDueService {
    static final int TENANT_PAGE = 500;
    static final int CLAIM_BATCH = 100;

    private final SecretStore store;
    private final SecretChanges changes;
    private final UnitOfWork unitOfWork;
    private final Runnable published;
    private final Clock clock;

    /** {@code published} runs after a batch of claims and their events committed (it wakes the event relay). */
    public RotationDueService(SecretStore store, SecretChanges changes, UnitOfWork unitOfWork, Runnable published,
                              Clock clock) {
        this.store = store;
        this.changes = changes;
        this.unitOfWork = unitOfWork;
        this.published = published;
        this.clock = clock;
    }

    /** Claims and tells every due version not told before; returns how many this instance told. */
    public int publishDue() {
        Instant now = clock.now();
        int told = 0;
        Optional<TenantId> after = Optional.empty();
        while (true) {
            List<TenantId> tenants = store.tenants(after, TENANT_PAGE);
            for (TenantId tenant : tenants) {
                told += TenantContext.callAs(tenant, () -> publishDue(now));
            }
            if (tenants.size() < TENANT_PAGE) {
                return told;
            }
            after = Optional.of(tenants.get(tenants.size() - 1));
        }
    }

    private int publishDue(Instant now) {
        int told = 0;
        while (true) {
            List<SecretMetadata> claimed = unitOfWork.execute(() -> {
                List<SecretMetadata> batch = store.claimDue(now, CLAIM_BATCH);
                for (SecretMetadata metadata : batch) {
                    changes.changed(SecretChanges.Change.ROTATION_DUE, metadata.name(), metadata.version());
                }
                return batch;
            });
            if (!claimed.isEmpty()) {
                published.run();
            }
            told += claimed.size();
            if (claimed.size() < CLAIM_BATCH) {
                return told;
            }
        }
    }
}
