package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.TestServices;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secrets vault over HTTP on two instances sharing one master key, one Redis and one Postgres (and a third
 * without master keys, sealed): scopes, tenant isolation, rotation seen at once by the other instance (whose
 * plaintext cache held the old version), staged rotation, size limits, events without values, the audit chain,
 * the fail-closed reveal, and no plaintext used here in the captured logs or in Redis afterwards.
 */
class SecretsEndToEndIT {
    private static final Map<String, String> USED = new LinkedHashMap<>();
    private static StrataInstance a;
    private static StrataInstance b;
    private static LeakScan scan;

    @BeforeAll
    static void start() {
        scan = LeakScan.start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> keys = Map.of("strata.secrets.master-keys.k1", Base64.getEncoder().encodeToString(key),
                "strata.secrets.active-key", "k1");
        a = StrataInstance.start(keys);
        b = StrataInstance.start(keys);
    }

    @AfterAll
    static void stop() {
        try {
            if (scan != null) {
                scan.assertAbsent(USED);
            }
        } finally {
            if (scan != null) {
                scan.close();
            }
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        }
    }

    private static String value(String label) {
        String value = "plain-" + label + "-" + UUID.randomUUID();
        USED.put(label, value);
        return value;
    }

    private static int number(StrataInstance.Response response, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertTrue(m.find(), field + " in " + response.body());
        return Integer.parseInt(m.group(1));
    }

    private static double revealsCounted(StrataInstance instance, String result) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?m)^strata_secrets_reveals_total\\{result=\"" + result + "\"[^}]*} ([0-9.eE+]+)$")
                .matcher(instance.get("/prometheus", null).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    private static StrataInstance.Response reveal(StrataInstance instance, String token, String name, String body) {
        return instance.postJson("/v1/secrets/" + name + "/reveal", token, body);
    }

    @Test
    void readersSeeMetadataButCannotRevealAndAnotherTenantsSecretIsNotFound() {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        String reader = Tenants.adminToken(a, tenant, "secrets:read");
        String secret = value("scoped");
        StrataInstance.Response created = a.postJson("/v1/secrets", admin,
                "{\"name\":\"db\",\"value\":\"" + secret + "\",\"description\":\"the db\",\"service\":\"billing\"}");
        assertEquals(201, created.status(), created.body());
        assertFalse(created.body().contains(secret));
        assertEquals(1, number(created, "version"));
        assertEquals(90, number(created, "rotationPeriodDays"));

        StrataInstance.Response metadata = b.get("/v1/secrets/db", reader);
        assertEquals(200, metadata.status(), metadata.body());
        assertEquals("billing", metadata.json("service"));
        assertFalse(metadata.body().contains(secret));
        StrataInstance.Response list = b.get("/v1/secrets", reader);
        assertEquals(200, list.status());
        assertTrue(list.body().contains("\"db\""));
        double refusedBefore = revealsCounted(b, "refused");
        double revealedBefore = revealsCounted(b, "revealed");
        assertEquals(403, reveal(b, reader, "db", "{}").status());
        assertEquals(403, b.postJson("/v1/secrets/db/rotate", reader, "{}").status());

        StrataInstance.Response revealed = reveal(b, admin, "db", "{}");
        assertEquals(200, revealed.status(), revealed.body());
        assertEquals(secret, revealed.json("value"));
        assertEquals(revealedBefore + 1, revealsCounted(b, "revealed"), 0.0, "strata_secrets_reveals_total counts it");
        assertEquals(refusedBefore, revealsCounted(b, "refused"), 0.0, "a 403 never reached the vault");
        String metrics = b.get("/prometheus", null).body();
        assertFalse(metrics.contains(secret), "no secret value in the metrics");

        TenantCreated other = Tenants.create(a);
        String otherAdmin = Tenants.adminToken(a, other);
        assertEquals(404, b.get("/v1/secrets/db", otherAdmin).status());
        StrataInstance.Response foreign = reveal(b, otherAdmin, "db", "{}");
        assertEquals(404, foreign.status());
        assertFalse(foreign.body().contains(secret));
        assertEquals(404, b.delete("/v1/secrets/db", otherAdmin).status());
        assertEquals(200, reveal(a, admin, "db", "{}").status(), "the other tenant's delete touched nothing");

        StrataInstance.Response openApi = a.get("/openapi.yml", null);
        assertEquals(200, openApi.status());
        for (String path : new String[] {"/v1/secrets/{name}/reveal", "/v1/secrets/{name}/promote", "/v1/secrets/audit",
                "/v1/admin/secrets/rewrap"}) {
            assertTrue(openApi.body().contains(path), path + " documented");
        }
    }

    @Test
    void aRotationOnOneInstanceIsRevealedAtOnceByTheOtherAndPublishedWithoutItsValue() {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        String first = value("first");
        assertEquals(201, a.postJson("/v1/secrets", admin, "{\"name\":\"api-key\",\"value\":\"" + first + "\"}").status());
        // B reveals (and keeps version 1 in memory) before A rotates
        assertEquals(first, reveal(b, admin, "api-key", "{}").json("value"));
        assertEquals(first, reveal(b, admin, "api-key", "{}").json("value"));
        for (int round = 2; round <= 4; round++) {
            String next = value("round-" + round);
            StrataInstance.Response rotated = a.postJson("/v1/secrets/api-key/rotate", admin, "{\"value\":\"" + next + "\"}");
            assertEquals(200, rotated.status(), rotated.body());
            assertEquals(round, number(rotated, "version"));
            StrataInstance.Response seen = reveal(b, admin, "api-key", "{}");
            assertEquals(next, seen.json("value"));
            assertEquals(round, number(seen, "version"));
        }
        assertEquals(first, reveal(b, admin, "api-key", "{\"version\":1}").json("value"), "old versions stay revealable");
        StrataInstance.Response generated = a.postJson("/v1/secrets/api-key/rotate", admin, "{}");
        assertEquals(5, number(generated, "version"));
        String random = reveal(b, admin, "api-key", "{}").json("value");
        assertEquals(43, random.length(), "32 random bytes, base64url");
        USED.put("generated", random);

        StrataInstance.Response versions = b.get("/v1/secrets/api-key/versions", admin);
        assertEquals(200, versions.status());
        assertTrue(versions.body().contains("\"current\"") && versions.body().contains("\"previous\""));

        StrataInstance.Response events = b.get("/v1/topics/secrets/events?after=0&limit=100", admin);
        assertEquals(200, events.status(), events.body());
        assertTrue(events.body().contains("secret.rotated"), events.body());
        assertTrue(events.body().contains("secret.created"), events.body());
        for (String plain : USED.values()) {
            assertFalse(events.body().contains(plain), "no value in an event");
        }

        assertEquals(204, a.delete("/v1/secrets/api-key", admin).status());
        assertEquals(404, reveal(b, admin, "api-key", "{\"version\":1}").status());
        assertEquals(404, reveal(b, admin, "api-key", "{}").status());
    }

    @Test
    void aStagedRotationIsRevealedOnlyWhenAskedUntilPromoted() {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        String live = value("live");
        String staged = value("staged");
        a.postJson("/v1/secrets", admin, "{\"name\":\"smtp\",\"value\":\"" + live + "\"}");
        StrataInstance.Response stage = a.postJson("/v1/secrets/smtp/rotate", admin, "{\"value\":\"" + staged + "\",\"stage\":true}");
        assertEquals(200, stage.status(), stage.body());
        assertEquals(1, number(stage, "version"));
        assertEquals(2, number(stage, "pendingVersion"));
        assertEquals(live, reveal(b, admin, "smtp", "{}").json("value"));
        assertEquals(staged, a.postJson("/v1/secrets/smtp/reveal?stage=pending", admin, "{}").json("value"));
        assertEquals(staged, reveal(b, admin, "smtp", "{\"version\":2}").json("value"));
        StrataInstance.Response promoted = a.postJson("/v1/secrets/smtp/promote", admin, "");
        assertEquals(200, promoted.status(), promoted.body());
        assertEquals(2, number(promoted, "version"));
        assertEquals(staged, reveal(b, admin, "smtp", "{}").json("value"));
        assertEquals(404, a.postJson("/v1/secrets/smtp/reveal?stage=pending", admin, "{}").status());
        assertEquals(409, a.postJson("/v1/secrets/smtp/promote", admin, "").status());
    }

    @Test
    void emptyAnd64KiBValuesRoundTripAndOneByteMoreIs413() {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        assertEquals(201, a.postJson("/v1/secrets", admin, "{\"name\":\"empty\",\"value\":\"\"}").status());
        assertEquals("", reveal(b, admin, "empty", "{}").json("value"));
        String large = "x".repeat(64 * 1024);
        assertEquals(201, a.postJson("/v1/secrets", admin, "{\"name\":\"large\",\"value\":\"" + large + "\"}").status());
        assertEquals(large, reveal(b, admin, "large", "{}").json("value"));
        StrataInstance.Response tooLarge = a.postJson("/v1/secrets", admin, "{\"name\":\"larger\",\"value\":\"" + large + "x\"}");
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals(413, a.postJson("/v1/secrets/large/rotate", admin, "{\"value\":\"" + large + "x\"}").status());
        assertEquals(404, a.get("/v1/secrets/larger", admin).status());
    }

    @Test
    void aChangeCommitsWithItsEventOrNotAtAll() throws SQLException {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        assertEquals(201, a.postJson("/v1/secrets", admin, "{\"name\":\"evented\"}").status());
        String servingRole = TestServices.jdbcUser().replace("\"", "");
        // the event log refuses the append: the rotation must not commit without its event
        grant("revoke insert on events from \"" + servingRole + "\"");
        try {
            StrataInstance.Response refused = a.postJson("/v1/secrets/evented/rotate", admin, "{}");
            assertTrue(refused.status() >= 500, refused.status() + " " + refused.body());
        } finally {
            grant("grant insert on events to \"" + servingRole + "\"");
        }
        assertEquals(1, number(b.get("/v1/secrets/evented", admin), "version"), "the rotation rolled back with its event");
        // the audit refuses the record: neither the rotation nor its event commit
        grant("revoke insert on secret_audit from \"" + servingRole + "\"");
        try {
            assertEquals(503, a.postJson("/v1/secrets/evented/rotate", admin, "{}").status());
        } finally {
            grant("grant insert on secret_audit to \"" + servingRole + "\"");
        }
        StrataInstance.Response rotated = a.postJson("/v1/secrets/evented/rotate", admin, "{}");
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals(2, number(rotated, "version"));
        // the committed rotation's event is in the log as soon as the rotation answered
        StrataInstance.Response events = b.get("/v1/topics/secrets/events?after=0&limit=100", admin);
        assertEquals(200, events.status(), events.body());
        assertEquals(List.of("secret.created", "secret.rotated"), Pattern.compile("\"type\"\\s*:\\s*\"(secret\\.[a-z_]+)\"")
                .matcher(events.body()).results().map(m -> m.group(1)).toList(), events.body());
        assertTrue(events.body().contains("\"version\":2"), events.body());
    }

    @Test
    void aSecretCannotBeNamedAuditSoTheAuditRouteShadowsNothing() {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        StrataInstance.Response refused = a.postJson("/v1/secrets", admin, "{\"name\":\"audit\",\"value\":\"x\"}");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("reserved"), refused.body());
        assertEquals(200, a.get("/v1/secrets/audit", admin).status(), "the route is the audit trail");
    }

    private static void grant(String sql) throws SQLException {
        try (Connection owner = DriverManager.getConnection(TestServices.jdbcUrl(), StrataInstance.ownerUser(),
                StrataInstance.ownerPassword()); PreparedStatement statement = owner.prepareStatement(sql)) {
            statement.execute();
        }
    }

    @Test
    void theAuditReportsAValidChainAndARevealWithoutAuditAnswers503WithoutTheValue() throws SQLException {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        String secret = value("audited");
        a.postJson("/v1/secrets", admin, "{\"name\":\"audited\",\"value\":\"" + secret + "\"}");
        assertEquals(secret, reveal(a, admin, "audited", "{}").json("value"));
        String servingRole = TestServices.jdbcUser().replace("\"", "");
        try (Connection owner = DriverManager.getConnection(TestServices.jdbcUrl(), StrataInstance.ownerUser(),
                StrataInstance.ownerPassword()); PreparedStatement revoke = owner.prepareStatement(
                "revoke insert on secret_audit from \"" + servingRole + "\"")) {
            revoke.execute();
        }
        try {
            StrataInstance.Response refused = reveal(b, admin, "audited", "{}");
            assertEquals(503, refused.status(), refused.body());
            assertFalse(refused.body().contains(secret));
        } finally {
            try (Connection owner = DriverManager.getConnection(TestServices.jdbcUrl(), StrataInstance.ownerUser(),
                    StrataInstance.ownerPassword()); PreparedStatement grant = owner.prepareStatement(
                    "grant insert on secret_audit to \"" + servingRole + "\"")) {
                grant.execute();
            }
        }
        StrataInstance.Response audit = b.get("/v1/secrets/audit?name=audited", admin);
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.body().contains("\"chainValid\":true"), audit.body());
        assertEquals(2, audit.body().split("\"sequence\"", -1).length - 1, "create and one reveal: " + audit.body());
        assertEquals(403, b.get("/v1/secrets/audit", Tenants.adminToken(a, tenant, "secrets:read secrets:reveal")).status());
    }

    @Test
    void theAuditReportsWhereAChainAlteredBehindStratasBackBreaks() throws SQLException {
        TenantCreated tenant = Tenants.create(a);
        String admin = Tenants.adminToken(a, tenant);
        a.postJson("/v1/secrets", admin, "{\"name\":\"tampered\",\"value\":\"" + value("tampered") + "\"}");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, reveal(b, admin, "tampered", "{}").status());
        }
        assertTrue(b.get("/v1/secrets/audit", admin).body().contains("\"chainValid\":true"));
        try (Connection owner = DriverManager.getConnection(TestServices.jdbcUrl(), StrataInstance.ownerUser(),
                StrataInstance.ownerPassword())) {
            owner.setAutoCommit(false);
            try (PreparedStatement setting = owner.prepareStatement("select set_config('strata.tenant_id', ?, true)")) {
                setting.setString(1, tenant.tenantId().toString());
                setting.execute();
            }
            try (PreparedStatement alter = owner.prepareStatement(
                    "update secret_audit set actor = 'someone-else' where tenant_id = ?::uuid and sequence = 3")) {
                alter.setString(1, tenant.tenantId().toString());
                assertEquals(1, alter.executeUpdate());
            }
            owner.commit();
        }
        StrataInstance.Response audit = a.get("/v1/secrets/audit", admin);
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.body().contains("\"chainValid\":false"), audit.body());
        assertEquals(3, number(audit, "brokenAt"), audit.body());
    }

    @Test
    void aVaultWithoutMasterKeysAnswers503VaultSealed() {
        try (StrataInstance sealed = StrataInstance.start()) {
            TenantCreated tenant = Tenants.create(sealed);
            String admin = Tenants.adminToken(sealed, tenant);
            StrataInstance.Response create = sealed.postJson("/v1/secrets", admin, "{\"name\":\"x\",\"value\":\"whatever-1\"}");
            assertEquals(503, create.status(), create.body());
            assertTrue(create.body().contains("vault sealed"), create.body());
            assertEquals(503, sealed.get("/v1/secrets", admin).status());
        }
    }
}
