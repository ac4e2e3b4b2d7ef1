package dev.strata.application.secrets;

import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.SecretIntegrityException;
import dev.strata.domain.secrets.UnknownMasterKeyException;
import dev.strata.domain.secrets.VaultSealedException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of secret versions: each version gets a fresh random 256-bit data key; the value is
 * sealed with AES-256-GCM under it (fresh 96-bit nonce, AAD = tenant, name and version), and the data key is
 * sealed with AES-GCM under the active master key (its own nonce, AAD = key id, tenant, name and version),
 * stored as {@code nonce || ciphertext+tag}. A ciphertext or wrapped key moved to another row, version or
 * tenant fails authentication. Data keys and master-key copies are zeroed after use; no exception message
 * carries key or value bytes. Thread-safe.
 */
public final class EnvelopeCipher {
    static final int DATA_KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] VALUE_CONTEXT = "strata.secrets.value.v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_CONTEXT = "strata.secrets.data-key.v1".getBytes(StandardCharsets.UTF_8);
    private static final int GENERATED_VALUE_BYTES = 32;

    private final MasterKeyRing ring;
    private final SecureRandom random;

    public EnvelopeCipher(MasterKeyRing ring) {
        this(ring, new SecureRandom());
    }

    EnvelopeCipher(MasterKeyRing ring, SecureRandom random) {
        this.ring = ring;
        this.random = random;
    }

    /** True when there is no master key: nothing can be sealed or opened. */
    public boolean sealedVault() {
        return ring.isSealed();
    }

    /** The id of the key new data keys are wrapped with; throws {@link VaultSealedException} when there is none. */
    public String activeKeyId() {
        return ring.activeId().orElseThrow(VaultSealedException::new);
    }

    /** Seals {@code plaintext} as {@code version} of {@code name} in {@code tenant}. The caller zeroes the plaintext. */
    public EncryptedValue seal(TenantId tenant, ResourceName name, int version, byte[] plaintext) {
        String keyId = activeKeyId();
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            byte[] nonce = nonce();
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, dataKey, nonce, valueAad(tenant, name, version), plaintext);
            return new EncryptedValue(keyId, wrap(keyId, tenant, name, version, dataKey), nonce, ciphertext);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Opens {@code sealed} as {@code version} of {@code name} in {@code tenant}: the plaintext, which the caller
     * zeroes after use. Throws {@link SecretIntegrityException} when anything was altered or moved,
     * {@link UnknownMasterKeyException} when its master key is not held here.
     */
    public byte[] open(TenantId tenant, ResourceName name, int version, EncryptedValue sealed) {
        byte[] dataKey = unwrap(tenant, name, version, sealed);
        try {
            return gcm(Cipher.DECRYPT_MODE, dataKey, sealed.nonce(), valueAad(tenant, name, version), sealed.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Wraps the data key of {@code sealed} anew under the active master key: the value's ciphertext and nonce
     * stay as they are, and the value itself is never decrypted.
     */
    public EncryptedValue rewrap(TenantId tenant, ResourceName name, int version, EncryptedValue sealed) {
        String keyId = activeKeyId();
        byte[] dataKey = unwrap(tenant, name, version, sealed);
        try {
            return new EncryptedValue(keyId, wrap(keyId, tenant, name, version, dataKey), sealed.nonce(), sealed.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** A value for a secret created or rotated without one: 32 random bytes, base64url without padding, as UTF-8. */
    public byte[] generatedValue() {
        byte[] raw = new byte[GENERATED_VALUE_BYTES];
        random.nextBytes(raw);
        try {
            return Base64.getUrlEncoder().withoutPadding().encode(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private byte[] wrap(String keyId, TenantId tenant, ResourceName name, int version, byte[] dataKey) {
        byte[] masterKey = masterKey(keyId);
        try {
            byte[] nonce = nonce();
            byte[] sealedKey = gcm(Cipher.ENCRYPT_MODE, masterKey, nonce, keyAad(keyId, tenant, name, version), dataKey);
            return ByteBuffer.allocate(nonce.length + sealedKey.length).put(nonce).put(sealedKey).array();
        } finally {
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    private byte[] unwrap(TenantId tenant, ResourceName name, int version, EncryptedValue sealed) {
        if (ring.isSealed()) {
            throw new VaultSealedException();
        }
        byte[] wrapped = sealed.wrappedKey();
        if (wrapped.length <= NONCE_BYTES) {
            throw integrity(name, version);
        }
        byte[] masterKey = masterKey(sealed.keyId());
        try {
            byte[] dataKey = gcm(Cipher.DECRYPT_MODE, masterKey, Arrays.copyOfRange(wrapped, 0, NONCE_BYTES),
                    keyAad(sealed.keyId(), tenant, name, version), Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length));
            if (dataKey.length != DATA_KEY_BYTES) {
                Arrays.fill(dataKey, (byte) 0);
                throw integrity(name, version);
            }
            return dataKey;
        } catch (SecretIntegrityException e) {
            throw integrity(name, version);
        } finally {
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    private byte[] masterKey(String keyId) {
        if (ring.isSealed()) {
            throw new VaultSealedException();
        }
        return ring.key(keyId).orElseThrow(() -> new UnknownMasterKeyException(keyId));
    }

    private byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        if (nonce.length != NONCE_BYTES) {
            throw new SecretIntegrityException("a stored nonce has the wrong length");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            // deliberately without the cause: it says nothing useful and must never carry bytes
            throw new SecretIntegrityException("a sealed value failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName());
        }
    }

    private static SecretIntegrityException integrity(ResourceName name, int version) {
        return new SecretIntegrityException("version " + version + " of secret '" + name + "' failed authentication");
    }

    private static byte[] valueAad(TenantId tenant, ResourceName name, int version) {
        return canonical(VALUE_CONTEXT, new byte[0], tenant, name, version);
    }

    private static byte[] keyAad(String keyId, TenantId tenant, ResourceName name, int version) {
        return canonical(KEY_CONTEXT, keyId.getBytes(StandardCharsets.UTF_8), tenant, name, version);
    }

    /** Length-prefixed fields, so that no two different (key id, tenant, name, version) share bytes. */
    private static byte[] canonical(byte[] context, byte[] keyId, TenantId tenant, ResourceName name, int version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (byte[] field : new byte[][] {context, keyId, tenant.toString().getBytes(StandardCharsets.UTF_8),
                name.value().getBytes(StandardCharsets.UTF_8), ByteBuffer.allocate(Integer.BYTES).putInt(version).array()}) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(field.length).array());
            out.writeBytes(field);
        }
        return out.toByteArray();
    }
}
