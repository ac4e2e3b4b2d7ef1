package dev.strata.application.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.InMemorySecretStore;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.secrets.VersionState;
import dev.strata.domain.shared.InMemoryUnitOfWork;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RotationDueServiceTest {
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final MutableClock clock = new MutableClock();
    private final List<String> told = new ArrayList<>();
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final AtomicInteger woken = new AtomicInteger();
    private final RotationDueService due = new RotationDueService(store, (change, name, version) -> {
        assertTrue(unitOfWork.active(), "told inside the claim's unit of work");
        told.add(change + " " + TenantContext.require() + " " + name + " " + version);
    }, unitOfWork, () -> {
        assertFalse(unitOfWork.active(), "woken after the commit");
        woken.incrementAndGet();
    }, clock);

    private void create(TenantId tenant, String name, int periodDays) {
        SecretMetadata metadata = SecretMetadata.first(new ResourceName(name), Optional.empty(), Optional.empty(),
                periodDays, 10, clock.now());
        TenantContext.runAs(tenant, () -> store.create(metadata, value(), new Quota("secrets", 100)));
    }

    private static EncryptedValue value() {
        return new EncryptedValue("k1", new byte[60], new byte[12], new byte[48]);
    }

    @Test
    void eachDueVersionOfEveryTenantIsToldOnceAndARotationMakesItDueAgainLater() {
        TenantId first = TenantId.random();
        TenantId second = TenantId.random();
        create(first, "short", 1);
        create(first, "long", 30);
        create(second, "short", 1);
        assertEquals(0, due.publishDue(), "nothing due yet");

        clock.advance(Duration.ofDays(2));
        assertEquals(2, due.publishDue());
        assertTrue(told.contains("ROTATION_DUE " + first + " short 1"), told.toString());
        assertTrue(told.contains("ROTATION_DUE " + second + " short 1"), told.toString());
        assertEquals(0, due.publishDue(), "told once");

        TenantContext.runAs(first, () -> store.addVersion(new SecretVersion(new ResourceName("short"), 2,
                VersionState.CURRENT, value(), clock.now())));
        assertEquals(0, due.publishDue(), "the new version is not due yet");
        clock.advance(Duration.ofDays(2));
        assertEquals(1, due.publishDue());
        assertTrue(told.contains("ROTATION_DUE " + first + " short 2"), told.toString());
        assertEquals(3, told.size());
        assertEquals(3, woken.get(), "woken once per batch that claimed something: two tenants, then one");
    }
}
