package dev.strata.bootstrap;

import dev.strata.application.secrets.RotationDueService;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.shared.StoreUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled job: every {@code strata.secrets.due-check-interval} (1m) publishes {@code secret.rotation_due} for
 * the versions that fell due; the store's claim hands each due version to one instance only.
 */
@Singleton
@Requires(notEnv = "cli")
class SecretRotationDueJob {
    private static final Logger LOG = LoggerFactory.getLogger(SecretRotationDueJob.class);
    private final RotationDueService due;
    private final MasterKeyRing ring;

    SecretRotationDueJob(RotationDueService due, MasterKeyRing ring) {
        this.due = due;
        this.ring = ring;
    }

    @Scheduled(fixedDelay = "${strata.secrets.due-check-interval:1m}", initialDelay = "${strata.secrets.due-check-interval:1m}")
    void publishDue() {
        if (ring.isSealed()) {
            return;
        }
        try {
            int told = due.publishDue();
            if (told > 0) {
                LOG.info("published secret.rotation_due for {} secret versions", told);
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("secret rotation check skipped: postgres unavailable");
        }
    }
}
