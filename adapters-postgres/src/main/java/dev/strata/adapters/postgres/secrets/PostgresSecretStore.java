package dev.strata.adapters.postgres.secrets;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.secrets.VersionState;
import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Postgres adapter for {@link SecretStore} ({@code secrets}, {@code secret_versions}, RLS). Changes to one secret
 * lock its {@code secrets} row first, so rotations, promotions and pruning of one secret are serialised across
 * instances; destroying a version deletes its row (and with it the only copy of its wrapped data key).
 */
@Singleton
public class PostgresSecretStore implements SecretStore {
    /** Due: the last rotation plus the period (in exact 24-hour days, as the domain counts them) has passed. */
    private static final String DUE = "last_rotated_at + rotation_period_days * interval '24 hours' <= ?";

    private final Jdbc jdbc;

    public PostgresSecretStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean create(SecretMetadata metadata, EncryptedValue value, Quota quota) {
        if (metadata.version() != 1 || metadata.latestVersion() != 1) {
            throw new IllegalArgumentException("a new secret starts at version 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            QuotaGate.admit(connection, TenantContext.require(), quota, "secrets", List.of("name"), metadata.name().value());
            try (PreparedStatement insert = connection.prepareStatement("insert into secrets (tenant_id, "
                    + SecretRows.METADATA_COLUMNS + ") values (strata_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (tenant_id, name) do nothing")) {
                insert.setString(1, metadata.name().value());
                insert.setString(2, metadata.description().orElse(null));
                insert.setString(3, metadata.service().orElse(null));
                insert.setInt(4, metadata.rotationPeriodDays());
                insert.setInt(5, metadata.maxVersions());
                insert.setInt(6, 1);
                insert.setInt(7, 1);
                insert.setTimestamp(8, Timestamp.from(metadata.createdAt()));
                insert.setTimestamp(9, Timestamp.from(metadata.lastRotatedAt()));
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            insertVersion(connection, new SecretVersion(metadata.name(), 1, VersionState.CURRENT, value, metadata.lastRotatedAt()));
            return true;
        });
    }

    @Override
    public boolean addVersion(SecretVersion version) {
        if (version.state() == VersionState.PREVIOUS) {
            throw new IllegalArgumentException("a new version is CURRENT or PENDING");
        }
        TenantContext.require();
        boolean current = version.state() == VersionState.CURRENT;
        return jdbc.inTransaction(connection -> {
            int maxVersions;
            try (PreparedStatement lock = connection.prepareStatement(
                    "select latest_version, max_versions from secrets where name = ? for update")) {
                lock.setString(1, version.name().value());
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next() || rows.getInt(1) != version.version() - 1) {
                        return false;
                    }
                    maxVersions = rows.getInt(2);
                }
            }
            // demote first: at most one current and one pending version per secret (unique partial indexes)
            try (PreparedStatement demote = connection.prepareStatement("update secret_versions set state = 'previous' "
                    + "where name = ? and (state = 'pending' or (? and state = 'current'))")) {
                demote.setString(1, version.name().value());
                demote.setBoolean(2, current);
                demote.executeUpdate();
            }
            insertVersion(connection, version);
            try (PreparedStatement update = connection.prepareStatement("update secrets set latest_version = ?, "
                    + "current_version = case when ? then ? else current_version end, "
                    + "last_rotated_at = case when ? then ? else last_rotated_at end where name = ?")) {
                update.setInt(1, version.version());
                update.setBoolean(2, current);
                update.setInt(3, version.version());
                update.setBoolean(4, current);
                update.setTimestamp(5, Timestamp.from(version.createdAt()));
                update.setString(6, version.name().value());
                update.executeUpdate();
            }
            try (PreparedStatement prune = connection.prepareStatement("delete from secret_versions where name = ? "
                    + "and state = 'previous' and version not in "
                    + "(select version from secret_versions where name = ? order by version desc limit ?)")) {
                prune.setString(1, version.name().value());
                prune.setString(2, version.name().value());
                prune.setInt(3, maxVersions);
                prune.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public boolean promote(ResourceName name, int version, Instant at) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select 1 from secrets s join secret_versions v "
                    + "on v.tenant_id = s.tenant_id and v.name = s.name "
                    + "where s.name = ? and v.version = ? and v.state = 'pending' for update of s")) {
                lock.setString(1, name.value());
                lock.setInt(2, version);
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement demote = connection.prepareStatement(
                    "update secret_versions set state = 'previous' where name = ? and state = 'current'")) {
                demote.setString(1, name.value());
                demote.executeUpdate();
            }
            try (PreparedStatement raise = connection.prepareStatement(
                    "update secret_versions set state = 'current' where name = ? and version = ? and state = 'pending'")) {
                raise.setString(1, name.value());
                raise.setInt(2, version);
                raise.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update secrets set current_version = ?, last_rotated_at = ? where name = ?")) {
                update.setInt(1, version);
                update.setTimestamp(2, Timestamp.from(at));
                update.setString(3, name.value());
                update.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<SecretMetadata> find(ResourceName name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + SecretRows.METADATA_COLUMNS + " from secrets where name = ?")) {
                select.setString(1, name.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(SecretRows.metadata(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<SecretMetadata> list(Optional<ResourceName> after, int limit) {
        return page(null, after, limit);
    }

    @Override
    public List<SecretMetadata> listDue(Instant now, Optional<ResourceName> after, int limit) {
        return page(now, after, limit);
    }

    private List<SecretMetadata> page(Instant dueAt, Optional<ResourceName> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + SecretRows.METADATA_COLUMNS
                    + " from secrets where name collate \"C\" > ?" + (dueAt == null ? "" : " and " + DUE) + " order by name collate \"C\" limit ?")) {
                int index = 1;
                select.setString(index++, after.map(ResourceName::value).orElse(""));
                if (dueAt != null) {
                    select.setTimestamp(index++, Timestamp.from(dueAt));
                }
                select.setInt(index, limit);
                return metadataList(select);
            }
        });
    }

    @Override
    public List<SecretMetadata> claimDue(Instant now, int limit) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            // skip locked: a row another instance is claiming is its to claim; the outer condition is checked
            // again on the row as committed, so a version is claimed once
            try (PreparedStatement claim = connection.prepareStatement("update secrets set due_notified_version = current_version "
                    + "where " + DUE + " and due_notified_version is distinct from current_version and name in "
                    + "(select name from secrets where " + DUE + " and due_notified_version is distinct from current_version "
                    + "order by name limit ? for update skip locked) returning " + SecretRows.METADATA_COLUMNS)) {
                claim.setTimestamp(1, Timestamp.from(now));
                claim.setTimestamp(2, Timestamp.from(now));
                claim.setInt(3, limit);
                return metadataList(claim);
            }
        });
    }

    @Override
    public Optional<SecretVersion> findVersion(ResourceName name, int version) {
        return oneVersion(name, "version = ?", version);
    }

    @Override
    public Optional<SecretVersion> findCurrent(ResourceName name) {
        return oneVersion(name, "state = 'current'", null);
    }

    @Override
    public Optional<SecretVersion> findPending(ResourceName name) {
        return oneVersion(name, "state = 'pending'", null);
    }

    private Optional<SecretVersion> oneVersion(ResourceName name, String condition, Integer version) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + SecretRows.VERSION_COLUMNS
                    + " from secret_versions where name = ? and " + condition)) {
                select.setString(1, name.value());
                if (version != null) {
                    select.setInt(2, version);
                }
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(SecretRows.version(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<SecretVersion> versions(ResourceName name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + SecretRows.VERSION_COLUMNS
                    + " from secret_versions where name = ? order by version")) {
                select.setString(1, name.value());
                return versionList(select);
            }
        });
    }

    @Override
    public List<SecretVersion> wrappedByOtherThan(String keyId, int limit) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + SecretRows.VERSION_COLUMNS
                    + " from secret_versions where key_id <> ? order by name, version limit ?")) {
                select.setString(1, keyId);
                select.setInt(2, limit);
                return versionList(select);
            }
        });
    }

    @Override
    public boolean replaceWrapping(SecretVersion current, EncryptedValue rewrapped) {
        if (!Arrays.equals(current.value().nonce(), rewrapped.nonce())
                || !Arrays.equals(current.value().ciphertext(), rewrapped.ciphertext())) {
            throw new IllegalArgumentException("re-wrapping changes the wrapped data key only");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update secret_versions set key_id = ?, wrapped_key = ? "
                    + "where name = ? and version = ? and key_id = ? and wrapped_key = ?")) {
                update.setString(1, rewrapped.keyId());
                update.setBytes(2, rewrapped.wrappedKey());
                update.setString(3, current.name().value());
                update.setInt(4, current.version());
                update.setString(5, current.value().keyId());
                update.setBytes(6, current.value().wrappedKey());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<TenantId> tenants(Optional<TenantId> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        // the registry of tenants is not tenant-scoped; the secrets of each are then read in its own context
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select id from tenants where id > coalesce(?::uuid, '00000000-0000-0000-0000-000000000000'::uuid) "
                            + "order by id limit ?")) {
                select.setString(1, after.map(TenantId::toString).orElse(null));
                select.setInt(2, limit);
                List<TenantId> tenants = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        tenants.add(TenantId.parse(rows.getString(1)));
                    }
                }
                return tenants;
            }
        });
    }

    @Override
    public boolean delete(ResourceName name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            // the versions first and explicitly: their rows, with the wrapped data keys, are what must go
            try (PreparedStatement versions = connection.prepareStatement("delete from secret_versions where name = ?");
                 PreparedStatement secret = connection.prepareStatement("delete from secrets where name = ?")) {
                versions.setString(1, name.value());
                versions.executeUpdate();
                secret.setString(1, name.value());
                return secret.executeUpdate() == 1;
            }
        });
    }

    private static void insertVersion(Connection connection, SecretVersion version) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into secret_versions (tenant_id, "
                + SecretRows.VERSION_COLUMNS + ") values (strata_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?)")) {
            EncryptedValue value = version.value();
            insert.setString(1, version.name().value());
            insert.setInt(2, version.version());
            insert.setString(3, version.state().wire());
            insert.setString(4, value.keyId());
            insert.setBytes(5, value.wrappedKey());
            insert.setBytes(6, value.nonce());
            insert.setBytes(7, value.ciphertext());
            insert.setTimestamp(8, Timestamp.from(version.createdAt()));
            insert.executeUpdate();
        }
    }

    private static List<SecretMetadata> metadataList(PreparedStatement statement) throws SQLException {
        List<SecretMetadata> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(SecretRows.metadata(rows));
            }
        }
        return result;
    }

    private static List<SecretVersion> versionList(PreparedStatement statement) throws SQLException {
        List<SecretVersion> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(SecretRows.version(rows));
            }
        }
        return result;
    }
}
