package dev.strata.bootstrap;

import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.shared.KeyIds;
import io.micronaut.context.exceptions.ConfigurationException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the vault's master keys out of {@link SecretsSettings}: base64 decoding, the strength rules, the active
 * key, and what happens without keys (sealed, or a generated key in dev mode). Every refusal names the key id
 * and never the key (nor a character of it).
 */
final class MasterKeys {
    /** The key id of the key dev mode generates when none is configured. */
    static final String DEV_KEY_ID = "dev";
    /** A key with fewer distinct byte values was not drawn at random (a typed word, a repeated pattern). */
    static final int MIN_DISTINCT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The ring, and whether dev mode generated its only key. */
    record Loaded(MasterKeyRing ring, boolean generated) {
    }

    private MasterKeys() {
    }

    static Loaded load(SecretsSettings settings, boolean devMode) {
        Map<String, String> configured = settings.masterKeys() == null ? Map.of() : settings.masterKeys();
        String active = KeyIds.normalise(settings.activeKey());
        if (configured.isEmpty()) {
            if (active != null) {
                throw new ConfigurationException("strata.secrets.active-key names '" + active
                        + "' but no strata.secrets.master-keys are configured");
            }
            if (!devMode) {
                return new Loaded(MasterKeyRing.sealed(), false);
            }
            byte[] generated = new byte[MasterKeyRing.MIN_KEY_BYTES];
            RANDOM.nextBytes(generated);
            try {
                return new Loaded(MasterKeyRing.of(Map.of(DEV_KEY_ID, generated), DEV_KEY_ID), true);
            } finally {
                Arrays.fill(generated, (byte) 0);
            }
        }
        Map<String, byte[]> keys = new HashMap<>();
        try {
            for (Map.Entry<String, String> entry : configured.entrySet()) {
                String id;
                try {
                    id = KeyIds.require("strata.secrets.master-keys", entry.getKey(), keys);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(e.getMessage());
                }
                keys.put(id, decode("strata.secrets.master-keys." + id, entry.getValue()));
            }
            if (active == null) {
                if (keys.size() != 1) {
                    throw new ConfigurationException("strata.secrets.active-key must name one of the master keys "
                            + new java.util.TreeSet<>(keys.keySet()));
                }
                active = keys.keySet().iterator().next();
            }
            try {
                return new Loaded(MasterKeyRing.of(keys, active), false);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("strata.secrets: " + e.getMessage());
            }
        } finally {
            keys.values().forEach(key -> Arrays.fill(key, (byte) 0));
        }
    }

    private static byte[] decode(String label, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(label + " is empty");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException standard) {
            try {
                key = Base64.getUrlDecoder().decode(value.trim());
            } catch (IllegalArgumentException urlSafe) {
                // the decoder's message quotes the offending character: never passed on
                throw new ConfigurationException(label + " is not valid base64 (e.g. `openssl rand -base64 32`)");
            }
        }
        if (key.length < MasterKeyRing.MIN_KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new ConfigurationException(label + " is shorter than " + MasterKeyRing.MIN_KEY_BYTES
                    + " bytes (256 bits) once base64-decoded (e.g. `openssl rand -base64 32`)");
        }
        if (distinct(key) < MIN_DISTINCT_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new ConfigurationException(label + " has fewer than " + MIN_DISTINCT_BYTES
                    + " distinct byte values: use random bytes (e.g. `openssl rand -base64 32`)");
        }
        return key;
    }

    private static int distinct(byte[] key) {
        boolean[] seen = new boolean[256];
        int count = 0;
        for (byte b : key) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                count++;
            }
        }
        return count;
    }
}
