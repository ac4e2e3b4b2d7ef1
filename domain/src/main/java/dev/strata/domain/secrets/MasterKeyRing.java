package dev.strata.domain.secrets;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Value object: the vault's master keys by id and the id of the active one; empty means the vault is sealed.
 * Key bytes never appear in {@link #toString()}.
 */
public final class MasterKeyRing {
    /** Smallest accepted master key: 256 bits. */
    public static final int MIN_KEY_BYTES = 32;

    private final Map<String, byte[]> keys;
    private final String activeId;

    private MasterKeyRing(Map<String, byte[]> keys, String activeId) {
        this.keys = keys;
        this.activeId = activeId;
    }

    /** The sealed ring: no keys, nothing can be encrypted or decrypted. */
    public static MasterKeyRing sealed() {
        return new MasterKeyRing(Map.of(), null);
    }

    /**
     * A ring of {@code keys} (id → key bytes, each at least {@link #MIN_KEY_BYTES}) whose active key is
     * {@code activeId}; throws {@link IllegalArgumentException} naming the id (never the key) when a key is too
     * short, an id is blank, or the active id is not among the keys.
     */
    public static MasterKeyRing of(Map<String, byte[]> keys, String activeId) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("at least one master key is required");
        }
        Map<String, byte[]> copy = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("master key ids must not be blank");
            }
            if (key == null || key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("master key '" + id + "' is shorter than "
                        + MIN_KEY_BYTES + " bytes");
            }
            copy.put(id, key.clone());
        });
        if (activeId == null || !copy.containsKey(activeId)) {
            throw new IllegalArgumentException("the active master key '" + activeId + "' is not configured");
        }
        return new MasterKeyRing(Map.copyOf(copy), activeId);
    }

    public boolean isSealed() {
        return keys.isEmpty();
    }

    /** The active key id; empty when sealed. */
    public Optional<String> activeId() {
        return Optional.ofNullable(activeId);
    }

    /** A copy of the key with this id; empty when unknown. The caller zeroes the copy after use. */
    public Optional<byte[]> key(String id) {
        byte[] key = keys.get(id);
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    /** The configured key ids, sorted. */
    public java.util.Set<String> ids() {
        return new java.util.TreeSet<>(keys.keySet());
    }

    /** Overwrites every key held with zeros (on shutdown). */
    public void destroy() {
        keys.values().forEach(key -> Arrays.fill(key, (byte) 0));
    }

    @Override
    public String toString() {
        return isSealed() ? "MasterKeyRing[sealed]" : "MasterKeyRing[ids=" + ids() + ", active=" + activeId + "]";
    }
}
