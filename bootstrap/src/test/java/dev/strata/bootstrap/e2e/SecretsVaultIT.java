package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.secrets.PostgresSecretAudit;
import dev.strata.adapters.postgres.secrets.PostgresSecretStore;
import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.application.secrets.SecretSettings;
import dev.strata.application.secrets.SecretsService;
import dev.strata.application.secrets.port.CreateSecretCommand;
import dev.strata.application.secrets.port.RevealSecretCommand;
import dev.strata.application.secrets.port.RewrapSecretsCommand;
import dev.strata.application.secrets.port.RotateSecretCommand;
import dev.strata.application.secrets.port.SecretCaller;
import dev.strata.domain.secrets.AuditAction;
import dev.strata.domain.secrets.AuditRecord;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.TestServices;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secrets use cases on two instances sharing one Postgres, wired by hand over the real adapters (the HTTP
 * layer comes later): a rotation on one instance is what the other reveals at once; a reveal whose audit record
 * cannot be written fails and reveals nothing; a master-key rotation with re-wrap under concurrent reveals loses
 * no reveal and leaves no data key wrapped by the old key; Postgres holds no plaintext.
 */
class SecretsVaultIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] K1 = key();
    private static final byte[] K2 = key();
    private static final SecretCaller CALLER = new SecretCaller("client:vault-it", "req-vault-it");

    private static StrataInstance a;
    private static StrataInstance b;

    @BeforeAll
    static void start() {
        a = StrataInstance.start();
        b = StrataInstance.start();
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static SecretsService vault(StrataInstance instance, MasterKeyRing ring) {
        return new SecretsService(instance.context.getBean(PostgresSecretStore.class),
                instance.context.getBean(PostgresSecretAudit.class), instance.context.getBean(Jdbc.class), ring,
                Clock.system(), new SecretSettings(90, 10, new Quota("secrets", 1000)));
    }

    private static TenantId newTenant() {
        return Tenants.create(a).tenantId();
    }

    private static <T> T as(TenantId tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private static CreateSecretCommand create(ResourceName name, String value) {
        return new CreateSecretCommand(name, Optional.of(value), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), CALLER);
    }

    private static RevealSecretCommand current(ResourceName name) {
        return new RevealSecretCommand(name, OptionalInt.empty(), false, CALLER);
    }

    private static Connection owner() throws SQLException {
        return DriverManager.getConnection(TestServices.jdbcUrl(), StrataInstance.ownerUser(), StrataInstance.ownerPassword());
    }

    @Test
    void aRotationOnOneInstanceIsWhatTheOtherRevealsAtOnce() {
        MasterKeyRing ring = MasterKeyRing.of(Map.of("k1", K1), "k1");
        SecretsService onA = vault(a, ring);
        SecretsService onB = vault(b, ring);
        TenantId tenant = newTenant();
        ResourceName name = new ResourceName("api-key");
        as(tenant, () -> onA.create(create(name, "first")));
        assertEquals("first", as(tenant, () -> onB.reveal(current(name))).value());
        for (int round = 2; round <= 5; round++) {
            String value = "value-" + round;
            as(tenant, () -> onA.rotate(new RotateSecretCommand(name, Optional.of(value), false, CALLER)));
            assertEquals(value, as(tenant, () -> onB.reveal(current(name))).value());
            assertEquals(round, as(tenant, () -> onB.reveal(current(name))).version());
        }
        assertEquals("first", as(tenant, () -> onB.reveal(new RevealSecretCommand(name, OptionalInt.of(1), false, CALLER))).value());
        assertTrue(as(tenant, () -> b.context.getBean(PostgresSecretAudit.class).verify()).valid());
    }

    @Test
    void aRevealWhoseAuditRecordCannotBeWrittenFailsAndRevealsNothing() throws SQLException {
        SecretsService vault = vault(a, MasterKeyRing.of(Map.of("k1", K1), "k1"));
        TenantId tenant = newTenant();
        ResourceName name = new ResourceName("db-password");
        as(tenant, () -> vault.create(create(name, "must-not-leave")));
        String servingRole = TestServices.jdbcUser();
        try (Connection owner = owner(); PreparedStatement revoke = owner.prepareStatement(
                "revoke insert on secret_audit from \"" + servingRole.replace("\"", "") + "\"")) {
            revoke.execute();
        }
        try {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> as(tenant, () -> vault.reveal(current(name))));
            assertFalse(String.valueOf(refused.getMessage()).contains("must-not-leave"));
        } finally {
            try (Connection owner = owner(); PreparedStatement grant = owner.prepareStatement(
                    "grant insert on secret_audit to \"" + servingRole.replace("\"", "") + "\"")) {
                grant.execute();
            }
        }
        List<AuditRecord> records = as(tenant, () -> a.context.getBean(PostgresSecretAudit.class).read(Optional.empty(), 0, 10));
        assertEquals(List.of(AuditAction.CREATE), records.stream().map(record -> record.entry().action()).toList());
        assertEquals("must-not-leave", as(tenant, () -> vault.reveal(current(name))).value(), "works again once audited");
    }

    @Test
    void masterKeyRotationWithRewrapUnderConcurrentRevealsLosesNoReveal() throws Exception {
        TenantId tenant = newTenant();
        SecretsService before = vault(a, MasterKeyRing.of(Map.of("k1", K1), "k1"));
        Map<ResourceName, String> values = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            ResourceName name = new ResourceName("rewrap-" + i);
            String value = "value-" + i + "-" + UUID.randomUUID();
            values.put(name, value);
            as(tenant, () -> before.create(create(name, value)));
        }
        // both instances now hold both keys; A re-wraps under k2 while B reveals all the time
        MasterKeyRing both = MasterKeyRing.of(Map.of("k1", K1, "k2", K2), "k2");
        SecretsService rewrapper = vault(a, both);
        SecretsService reader = vault(b, both);
        AtomicBoolean rewrapping = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reveals = 0;
                    do {
                        for (Map.Entry<ResourceName, String> entry : values.entrySet()) {
                            assertEquals(entry.getValue(), as(tenant, () -> reader.reveal(current(entry.getKey()))).value());
                            reveals++;
                        }
                    } while (rewrapping.get());
                    return reveals;
                }));
            }
            int rewrapped = as(tenant, () -> rewrapper.rewrap(new RewrapSecretsCommand(CALLER)));
            rewrapping.set(false);
            assertEquals(values.size(), rewrapped);
            for (Future<Integer> future : readers) {
                assertTrue(future.get() >= values.size());
            }
        } finally {
            rewrapping.set(false);
            pool.shutdownNow();
        }
        assertTrue(as(tenant, () -> a.context.getBean(PostgresSecretStore.class).wrappedByOtherThan("k2", 100)).isEmpty());
        SecretsService onlyNew = vault(b, MasterKeyRing.of(Map.of("k2", K2), "k2"));
        values.forEach((name, value) -> assertEquals(value, as(tenant, () -> onlyNew.reveal(current(name))).value()));
    }

    @Test
    void postgresHoldsNoPlaintextOfAnyVersion() throws SQLException {
        SecretsService vault = vault(a, MasterKeyRing.of(Map.of("k1", K1), "k1"));
        TenantId tenant = newTenant();
        ResourceName name = new ResourceName("plain-check");
        String first = "plaintext-marker-" + UUID.randomUUID();
        String second = "plaintext-marker-" + UUID.randomUUID();
        as(tenant, () -> vault.create(create(name, first)));
        as(tenant, () -> vault.rotate(new RotateSecretCommand(name, Optional.of(second), false, CALLER)));
        List<SecretVersion> versions = as(tenant, () -> a.context.getBean(PostgresSecretStore.class).versions(name));
        assertEquals(2, versions.size());
        try (Connection owner = owner()) {
            owner.setAutoCommit(false);
            try (PreparedStatement setting = owner.prepareStatement("select set_config('strata.tenant_id', ?, true)")) {
                setting.setString(1, tenant.toString());
                setting.execute();
            }
            for (String table : new String[] {"secrets", "secret_versions", "secret_audit"}) {
                try (PreparedStatement rows = owner.prepareStatement("select t::text from " + table + " t");
                     ResultSet result = rows.executeQuery()) {
                    while (result.next()) {
                        String row = result.getString(1);
                        for (String plain : new String[] {first, second}) {
                            assertFalse(row.contains(plain), table);
                            assertFalse(row.contains(hex(plain)), table);
                        }
                    }
                }
            }
            owner.rollback();
        }
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
