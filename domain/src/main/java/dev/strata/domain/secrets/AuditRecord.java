package dev.strata.domain.secrets;

import dev.strata.domain.shared.TenantId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Entity: one link of a tenant's audit chain — the entry, its place ({@code sequence} 1, 2, ...) and the hashes
 * that chain it: {@code hash} = SHA-256({@code prevHash} || canonical bytes of tenant, sequence and entry).
 */
public record AuditRecord(TenantId tenant, long sequence, AuditEntry entry, byte[] prevHash, byte[] hash) {
    public AuditRecord {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(entry, "entry must not be null");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1");
        }
        prevHash = Objects.requireNonNull(prevHash, "prevHash must not be null").clone();
        hash = Objects.requireNonNull(hash, "hash must not be null").clone();
    }

    /** The next link after {@code previous} (or the first of the chain when it is null), hashed. */
    public static AuditRecord chain(TenantId tenant, AuditRecord previous, AuditEntry entry) {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        byte[] prev = previous == null ? AuditChain.genesis() : previous.hash();
        return new AuditRecord(tenant, sequence, entry, prev, AuditChain.hash(prev, tenant, sequence, entry));
    }

    @Override
    public byte[] prevHash() {
        return prevHash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditRecord that && tenant.equals(that.tenant) && sequence == that.sequence
                && entry.equals(that.entry) && Arrays.equals(prevHash, that.prevHash) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, sequence, entry, Arrays.hashCode(hash));
    }

    @Override
    public String toString() {
        return "AuditRecord[" + tenant + "#" + sequence + ", " + entry + ", hash=" + HexFormat.of().formatHex(hash) + "]";
    }
}
