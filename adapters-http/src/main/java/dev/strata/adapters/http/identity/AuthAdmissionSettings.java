package dev.strata.adapters.http.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Admission of unauthenticated client-credentials requests ({@code strata.auth.admission.*}).
 *
 * @param threads workers handling {@code POST /v1/auth/token} (2): however many arrive, no more run at once
 * @param queue   requests that may wait for a worker (256); beyond that, 503 with Retry-After at once
 */
@ConfigurationProperties("strata.auth.admission")
public record AuthAdmissionSettings(@Bindable(defaultValue = "2") int threads,
                                    @Bindable(defaultValue = "256") int queue) {
    public AuthAdmissionSettings {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("strata.auth.admission: threads must be >= 1 and queue >= 0");
        }
    }
}
