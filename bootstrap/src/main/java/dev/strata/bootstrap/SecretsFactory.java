package dev.strata.bootstrap;

import dev.strata.application.events.port.PublishEventCommand;
import dev.strata.application.events.port.PublishEventUseCase;
import dev.strata.application.secrets.PlaintextCache;
import dev.strata.application.secrets.RotationDueService;
import dev.strata.application.secrets.SecretChanges;
import dev.strata.application.secrets.SecretSettings;
import dev.strata.application.secrets.SecretsService;
import dev.strata.domain.events.Topic;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.port.SecretAudit;
import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.UnitOfWork;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the secrets use cases: the master key ring, this instance's plaintext cache, and the change events
 * ({@code secret.created|staged|rotated|deleted} on topic {@code secrets}: name and version, never a value).
 */
@Factory
class SecretsFactory {
    static final Topic TOPIC = new Topic("secrets");
    private static final Logger LOG = LoggerFactory.getLogger(SecretsFactory.class);

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
                                  PublishEventUseCase publish) {
        return new SecretsService(store, audit, unitOfWork, ring, clock,
                new SecretSettings(settings.defaultRotationDays(), settings.maxVersions(), quotas.secretsQuota(),
                        settings.maxValueBytes()),
                cache, events(publish));
    }

    @Singleton
    RotationDueService rotationDue(SecretStore store, Clock clock, PublishEventUseCase publish) {
        return new RotationDueService(store, events(publish), clock);
    }

    /** Publishes each change after it committed; a failed publish is logged (by name and version) and not retried. */
    static SecretChanges events(PublishEventUseCase publish) {
        return (change, name, version) -> {
            String type = "secret." + change.name().toLowerCase(Locale.ROOT);
            try {
                publish.publish(new PublishEventCommand(TOPIC, type, Optional.of(name.value()), data(name, version),
                        "/strata/secrets", Optional.empty()));
            } catch (StoreUnavailableException e) {
                LOG.warn("{} of secret '{}' version {} committed but its event could not be published", type, name, version);
            }
        };
    }

    static byte[] data(ResourceName name, int version) {
        // a resource name holds only [a-z0-9._-]: nothing to escape
        return ("{\"name\":\"" + name.value() + "\",\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8);
    }
}
