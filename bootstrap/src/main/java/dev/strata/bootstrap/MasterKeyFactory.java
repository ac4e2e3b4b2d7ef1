package dev.strata.bootstrap;

import dev.strata.application.secrets.PlaintextCache;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.port.RevocationChannel;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the secrets vault's memory: the master key ring (checked at start, zeroed at shutdown) and the
 * in-process plaintext cache with its expiry sweep.
 */
@Factory
class MasterKeyFactory {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyFactory.class);
    /** The expiry sweep runs at least this often, so that plaintext nobody asks for again is zeroed on time. */
    private static final Duration LONGEST_SWEEP = Duration.ofSeconds(30);

    /**
     * The master keys. Eager, so that a short, malformed or unknown key stops the start before the server
     * listens; without keys outside dev mode the vault starts sealed, in dev mode a random key is generated
     * (as for the JWT signing key).
     */
    @Context
    @Bean(preDestroy = "destroy")
    MasterKeyRing masterKeyRing(SecretsSettings settings, Environment environment) {
        boolean devMode = environment.getActiveNames().contains(Environment.DEVELOPMENT);
        MasterKeys.Loaded loaded = MasterKeys.load(settings, devMode);
        MasterKeyRing ring = loaded.ring();
        if (loaded.generated()) {
            LOG.warn("*** strata.secrets.master-keys (STRATA_SECRETS_MASTER_KEYS_<ID>) is not set: DEV MODE generated a random "
                    + "master key. Secrets written now cannot be read after a restart nor by other instances. "
                    + "Never run like this in production. ***");
        } else if (ring.isSealed()) {
            LOG.warn("strata.secrets.master-keys (STRATA_SECRETS_MASTER_KEYS_<ID>) is not set: the secrets vault is sealed "
                    + "and its endpoints answer 503 until master keys are configured");
        } else {
            LOG.info("secrets master keys: ids {}, wrapping with '{}'", ring.ids(), ring.activeId().orElseThrow());
        }
        return ring;
    }

    @Singleton
    @Bean(preDestroy = "close")
    PlaintextCache plaintextCache(SecretsSettings settings, Clock clock, RevocationChannel channel,
                                  @Named("secrets-plaintext-sweep") ScheduledExecutorService sweeper) {
        PlaintextCache cache = new PlaintextCache(channel, clock, settings.cacheTtl(), settings.cacheMax()).start();
        if (!settings.cacheTtl().isZero()) {
            long every = Math.max(1, Math.min(settings.cacheTtl().toMillis(), LONGEST_SWEEP.toMillis()));
            sweeper.scheduleWithFixedDelay(cache::purgeExpired, every, every, TimeUnit.MILLISECONDS);
        }
        return cache;
    }

    @Singleton
    @Named("secrets-plaintext-sweep")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService plaintextSweeper() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strata-secrets-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }
}
