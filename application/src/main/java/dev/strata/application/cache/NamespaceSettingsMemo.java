package dev.strata.application.cache;

import dev.strata.application.shared.TenantMemo;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;

/**
 * This instance's copy of each namespace's settings: trusted for {@code settings-ttl} or until an
 * invalidation of the namespace drops it; read from Postgres otherwise, with the defaults for a namespace
 * never configured.
 */
final class NamespaceSettingsMemo {
    private final NamespaceSettingsStore store;
    private final TenantMemo<ResourceName, NamespaceSettings> memo;

    NamespaceSettingsMemo(NamespaceSettingsStore store, Duration ttl, int maxTracked) {
        this.store = store;
        this.memo = new TenantMemo<>(ttl, maxTracked);
    }

    /** This instance's copy of the namespace's settings while it is fresh; null when they must be loaded. */
    NamespaceSettings held(ResourceName namespace) {
        return memo.fresh(namespace);
    }

    /** The namespace's settings: this instance's copy, else Postgres, else the defaults. */
    NamespaceSettings get(ResourceName namespace) {
        // Postgres down: the last known settings, else the defaults (not remembered). Under the defaults a
        // namespace counts as durable, so a write still needs Postgres and nothing is acknowledged that a
        // non-durable namespace would not have kept either.
        return memo.get(namespace, () -> store.find(namespace).orElseGet(() -> NamespaceSettings.defaults(namespace)),
                down -> NamespaceSettings.defaults(namespace));
    }

    /** Drops {@code tenant}'s copy (the namespace was reconfigured or invalidated as a whole). */
    void forget(TenantId tenant, ResourceName namespace) {
        memo.forget(tenant, namespace);
    }

    /** Drops every copy (the invalidation channel was lost: what was published meanwhile is unknown). */
    void clear() {
        memo.clear();
    }

    int size() {
        return memo.size();
    }
}
