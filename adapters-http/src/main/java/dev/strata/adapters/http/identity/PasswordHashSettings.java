package dev.strata.adapters.http.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Argon2id and hashing-pool settings ({@code strata.auth.password-hash.*}); the pool also runs the client-secret checks.
 *
 * @param memoryKib   Argon2id memory in KiB (19456 = 19 MiB, the OWASP floor and the minimum accepted)
 * @param iterations  Argon2id passes (2, the minimum accepted)
 * @param parallelism Argon2id lanes (1)
 * @param threads     hashing threads; 0 = one per core
 * @param queue       hashes that may wait for a thread; beyond that, 503 with Retry-After (32)
 * @param maxWait     longest wait for a hash before answering 503 (5s)
 */
@ConfigurationProperties("strata.auth.password-hash")
public record PasswordHashSettings(@Bindable(defaultValue = "19456") int memoryKib,
                                   @Bindable(defaultValue = "2") int iterations,
                                   @Bindable(defaultValue = "1") int parallelism,
                                   @Bindable(defaultValue = "0") int threads,
                                   @Bindable(defaultValue = "32") int queue,
                                   @Bindable(defaultValue = "5s") Duration maxWait) {
    /** The number of hashing threads to run. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
