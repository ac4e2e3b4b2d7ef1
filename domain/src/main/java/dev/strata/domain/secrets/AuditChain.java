package dev.strata.domain.secrets;

import dev.strata.domain.shared.TenantId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Domain service: the hash chain of the secrets audit. Every store computes and checks links with this one
 * definition, so a chain written by one adapter verifies in any other.
 */
public final class AuditChain {
    private static final int HASH_BYTES = 32;
    private static final byte[] DOMAIN = "strata.secret_audit.v1".getBytes(StandardCharsets.UTF_8);

    private AuditChain() {
    }

    /** The previous hash of a tenant's first record: 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    /** SHA-256({@code prevHash} || canonical bytes of (tenant, sequence, entry)). */
    public static byte[] hash(byte[] prevHash, TenantId tenant, long sequence, AuditEntry entry) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prevHash);
            digest.update(canonical(tenant, sequence, entry));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * The canonical bytes of a record: a version tag, then each field length-prefixed (so no two different
     * records share bytes), numbers as fixed-width big-endian, the time as epoch milliseconds.
     */
    static byte[] canonical(TenantId tenant, long sequence, AuditEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, DOMAIN);
        field(out, tenant.toString().getBytes(StandardCharsets.UTF_8));
        field(out, ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
        field(out, entry.actor().getBytes(StandardCharsets.UTF_8));
        field(out, entry.secret().value().getBytes(StandardCharsets.UTF_8));
        field(out, ByteBuffer.allocate(Integer.BYTES).putInt(entry.version()).array());
        field(out, entry.action().wire().getBytes(StandardCharsets.UTF_8));
        field(out, entry.requestId().getBytes(StandardCharsets.UTF_8));
        Instant time = entry.time();
        field(out, ByteBuffer.allocate(Long.BYTES).putLong(time.toEpochMilli()).array());
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    /** Checks a tenant's records one by one, in sequence order, and tells where the chain first breaks. */
    public static final class Verifier {
        private final TenantId tenant;
        private byte[] expectedPrev = genesis();
        private long expectedSequence = 1;
        private long checked;
        private ChainVerification broken;

        public Verifier(TenantId tenant) {
            this.tenant = tenant;
        }

        /** Checks the next record; after the first break the rest is ignored. */
        public void accept(AuditRecord record) {
            if (broken != null) {
                return;
            }
            if (!record.tenant().equals(tenant)) {
                broken = ChainVerification.brokenAt(checked, record.sequence(), "record of another tenant");
            } else if (record.sequence() != expectedSequence) {
                broken = ChainVerification.brokenAt(checked, expectedSequence, "record " + expectedSequence + " is missing");
            } else if (!MessageDigest.isEqual(record.prevHash(), expectedPrev)) {
                broken = ChainVerification.brokenAt(checked, record.sequence(), "previous hash does not match");
            } else if (!Arrays.equals(record.hash(), hash(expectedPrev, tenant, record.sequence(), record.entry()))) {
                broken = ChainVerification.brokenAt(checked, record.sequence(), "hash does not match the record");
            } else {
                checked++;
                expectedSequence++;
                expectedPrev = record.hash();
            }
        }

        /** The outcome over every record accepted so far. */
        public ChainVerification result() {
            return broken != null ? broken : ChainVerification.valid(checked);
        }
    }
}
