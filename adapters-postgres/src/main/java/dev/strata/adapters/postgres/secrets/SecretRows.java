package dev.strata.adapters.postgres.secrets;

import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.secrets.VersionState;
import dev.strata.domain.shared.ResourceName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Row mapping of the secrets tables; the column lists below are the order the mappers read. */
final class SecretRows {
    static final String METADATA_COLUMNS = "name, description, service, rotation_period_days, max_versions, "
            + "current_version, latest_version, created_at, last_rotated_at";
    static final String VERSION_COLUMNS = "name, version, state, key_id, wrapped_key, nonce, ciphertext, created_at";

    private SecretRows() {
    }

    static SecretMetadata metadata(ResultSet rows) throws SQLException {
        return new SecretMetadata(new ResourceName(rows.getString(1)), Optional.ofNullable(rows.getString(2)),
                Optional.ofNullable(rows.getString(3)), rows.getInt(4), rows.getInt(5), rows.getInt(6), rows.getInt(7),
                rows.getTimestamp(8).toInstant(), rows.getTimestamp(9).toInstant());
    }

    static SecretVersion version(ResultSet rows) throws SQLException {
        return new SecretVersion(new ResourceName(rows.getString(1)), rows.getInt(2), VersionState.fromWire(rows.getString(3)),
                new EncryptedValue(rows.getString(4), rows.getBytes(5), rows.getBytes(6), rows.getBytes(7)),
                rows.getTimestamp(8).toInstant());
    }
}
