package dev.strata.bootstrap;

import dev.strata.application.events.RelayWorker;
import dev.strata.application.secrets.PlaintextCache;
import dev.strata.application.secrets.RotationDueService;
import dev.strata.application.secrets.SecretEvents;
import dev.strata.application.secrets.SecretSettings;
import dev.strata.application.secrets.SecretsService;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.port.SecretAudit;
import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UnitOfWork;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Wiring of the secrets use cases: the master key ring, this instance's plaintext cache, and the change events
 * ({@code secret.created|staged|rotated|deleted|rotation_due} on topic {@code secrets}: name and version, never a
 * value), appended to the event log in each change's transaction; the local relay is woken after the commit.
 */
@Factory
class SecretsFactory {
    @Singleton
    @Bean(typed = {SecretsService.class, dev.strata.application.secrets.port.CreateSecretUseCase.class,
            dev.strata.application.secrets.port.RotateSecretUseCase.class,
            dev.strata.application.secrets.port.PromoteSecretUseCase.class,
            dev.strata.application.secrets.port.RevealSecretUseCase.class,
            dev.strata.application.secrets.port.DeleteSecretUseCase.class,
            dev.strata.application.secrets.port.RewrapSecretsUseCase.class,
            dev.strata.application.secrets.port.BrowseSecretsUseCase.class})
    SecretsService secretsService(SecretStore store, SecretAudit audit, UnitOfWork unitOfWork, MasterKeyRing ring,
                                  Clock clock, SecretsSettings settings, QuotaSettings quotas, PlaintextCache cache,
                                  EventLog log, RelayWorker relay) {
        return new SecretsService(store, audit, unitOfWork, ring, clock,
                new SecretSettings(settings.defaultRotationDays(), settings.maxVersions(), quotas.secretsQuota(),
                        settings.maxValueBytes()),
                cache, new SecretEvents(log, clock), relay::wake);
    }

    @Singleton
    RotationDueService rotationDue(SecretStore store, Clock clock, UnitOfWork unitOfWork, EventLog log, RelayWorker relay) {
        return new RotationDueService(store, new SecretEvents(log, clock), unitOfWork, relay::wake, clock);
    }
}
