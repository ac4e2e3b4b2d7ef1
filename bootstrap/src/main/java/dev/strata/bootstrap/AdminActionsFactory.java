package dev.strata.bootstrap;

import dev.strata.application.cache.CacheService;
import dev.strata.application.operations.AdminActionsService;
import dev.strata.application.operations.port.InvalidateCacheAsAdminUseCase;
import dev.strata.application.operations.port.ListAdminAuditUseCase;
import dev.strata.application.operations.port.RecordAdminActionUseCase;
import dev.strata.domain.operations.port.AdminAuditLog;
import dev.strata.domain.shared.Clock;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Wiring of the dashboard's actions: cache invalidations through the instance's cache engine, and the admin audit
 * log (Postgres) that records them and every dead-letter replay.
 */
@Factory
class AdminActionsFactory {
    @Singleton
    @Bean(typed = {AdminActionsService.class, InvalidateCacheAsAdminUseCase.class, RecordAdminActionUseCase.class,
            ListAdminAuditUseCase.class})
    AdminActionsService adminActionsService(CacheService cache, AdminAuditLog log, Clock clock) {
        return new AdminActionsService(cache, cache, log, clock);
    }
}
