package dev.strata.application.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.strata.domain.cache.InMemoryNamespaceSettingsStore;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The namespace settings memo: Postgres's answer, the defaults for a namespace never configured or a store down. */
class NamespaceSettingsMemoTest {
    private static final ResourceName NS = new ResourceName("products");
    private static final NamespaceSettings NON_DURABLE = new NamespaceSettings(NS, Duration.ofSeconds(60), false, true, 10,
            Duration.ofSeconds(10));
    private final InMemoryNamespaceSettingsStore saved = new InMemoryNamespaceSettingsStore();
    private boolean down;
    private final NamespaceSettingsStore store = new NamespaceSettingsStore() {
        @Override
        public Optional<NamespaceSettings> find(ResourceName namespace) {
            if (down) {
                throw new StoreUnavailableException("postgres", "down", null);
            }
            return saved.find(namespace);
        }

        @Override
        public void save(NamespaceSettings settings) {
            saved.save(settings);
        }
    };
    private final NamespaceSettingsMemo memo = new NamespaceSettingsMemo(store, Duration.ofMinutes(5), 100);
    private final TenantId tenant = TenantId.random();

    @BeforeEach
    void enter() {
        TenantContext.swap(tenant);
    }

    @AfterEach
    void leave() {
        TenantContext.swap(null);
    }

    @Test
    void aNamespaceNeverConfiguredHasTheDefaults() {
        assertEquals(NamespaceSettings.defaults(NS), memo.get(NS));
    }

    @Test
    void whatWasReadIsHeldUntilForgotten() {
        store.save(NON_DURABLE);
        assertNull(memo.held(NS), "nothing read yet");
        assertEquals(NON_DURABLE, memo.get(NS));
        assertEquals(NON_DURABLE, memo.held(NS));
        memo.forget(tenant, NS);
        assertNull(memo.held(NS));
        memo.get(NS);
        memo.clear();
        assertNull(memo.held(NS));
        assertEquals(0, memo.size());
    }

    @Test
    void postgresDownGivesTheLastCopyElseTheDefaults() {
        store.save(NON_DURABLE);
        memo.get(NS);
        down = true;
        assertEquals(NON_DURABLE, memo.get(NS));
        ResourceName other = new ResourceName("other");
        assertEquals(NamespaceSettings.defaults(other), memo.get(other), "durable defaults: a write still needs Postgres");
        down = false;
        assertNull(memo.held(other), "the defaults given while Postgres was down were not remembered");
    }
}
