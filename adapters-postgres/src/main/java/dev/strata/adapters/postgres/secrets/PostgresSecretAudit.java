package dev.strata.adapters.postgres.secrets;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.secrets.AuditAction;
import dev.strata.domain.secrets.AuditChain;
import dev.strata.domain.secrets.AuditEntry;
import dev.strata.domain.secrets.AuditRecord;
import dev.strata.domain.secrets.ChainVerification;
import dev.strata.domain.secrets.port.SecretAudit;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Postgres adapter for {@link SecretAudit} ({@code secret_audit}, RLS; the serving role may only INSERT and
 * SELECT). An append joins the caller's transaction and first takes a transaction-scoped advisory lock on the
 * tenant's chain, so appends of one tenant are serialised across instances until commit and the chain never forks.
 */
@Singleton
public class PostgresSecretAudit implements SecretAudit {
    /** Holds a colon, which no resource name may: no clash with the quota gate's or other advisory locks. */
    private static final String CHAIN_LOCK = "secret_audit:chain";
    private static final String COLUMNS = "sequence, actor, secret, version, action, request_id, time, prev_hash, hash";
    private static final int VERIFY_FETCH = 500;

    private final Jdbc jdbc;

    public PostgresSecretAudit(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AuditRecord append(AuditEntry entry) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
                lock.setString(1, tenant.toString());
                lock.setString(2, CHAIN_LOCK);
                lock.execute();
            }
            long sequence = 1;
            byte[] prevHash = AuditChain.genesis();
            try (PreparedStatement last = connection.prepareStatement(
                    "select sequence, hash from secret_audit order by sequence desc limit 1");
                 ResultSet rows = last.executeQuery()) {
                if (rows.next()) {
                    sequence = rows.getLong(1) + 1;
                    prevHash = rows.getBytes(2);
                }
            }
            AuditRecord record = new AuditRecord(tenant, sequence, entry, prevHash,
                    AuditChain.hash(prevHash, tenant, sequence, entry));
            try (PreparedStatement insert = connection.prepareStatement("insert into secret_audit (tenant_id, " + COLUMNS
                    + ") values (strata_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, record.sequence());
                insert.setString(2, entry.actor());
                insert.setString(3, entry.secret().value());
                insert.setInt(4, entry.version());
                insert.setString(5, entry.action().wire());
                insert.setString(6, entry.requestId());
                insert.setTimestamp(7, Timestamp.from(entry.time()));
                insert.setBytes(8, record.prevHash());
                insert.setBytes(9, record.hash());
                insert.executeUpdate();
            }
            return record;
        });
    }

    @Override
    public List<AuditRecord> read(Optional<ResourceName> secret, long afterSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from secret_audit "
                    + "where sequence > ?" + (secret.isPresent() ? " and secret = ?" : "") + " order by sequence limit ?")) {
                int index = 1;
                select.setLong(index++, afterSequence);
                if (secret.isPresent()) {
                    select.setString(index++, secret.get().value());
                }
                select.setInt(index, limit);
                List<AuditRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(record(tenant, rows));
                    }
                }
                return records;
            }
        });
    }

    @Override
    public ChainVerification verify() {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            AuditChain.Verifier verifier = new AuditChain.Verifier(tenant);
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + COLUMNS + " from secret_audit order by sequence")) {
                select.setFetchSize(VERIFY_FETCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        AuditRecord record;
                        try {
                            record = record(tenant, rows);
                        } catch (RuntimeException malformed) {
                            // a row no valid append could have written: the chain is broken here
                            return ChainVerification.brokenAt(verifier.result().checked(), rows.getLong(1), "record is malformed");
                        }
                        verifier.accept(record);
                        if (!verifier.result().valid()) {
                            return verifier.result();
                        }
                    }
                }
            }
            return verifier.result();
        });
    }

    private static AuditRecord record(TenantId tenant, ResultSet rows) throws SQLException {
        AuditEntry entry = new AuditEntry(rows.getString(2), new ResourceName(rows.getString(3)), rows.getInt(4),
                AuditAction.fromWire(rows.getString(5)), rows.getString(6), rows.getTimestamp(7).toInstant());
        return new AuditRecord(tenant, rows.getLong(1), entry, rows.getBytes(8), rows.getBytes(9));
    }
}
