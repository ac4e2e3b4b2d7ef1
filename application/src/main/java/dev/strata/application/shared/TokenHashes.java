package dev.strata.application.shared;

import dev.strata.domain.shared.RandomTokens;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Application helper: the opaque single-use tokens of end users (refresh and reset tokens) —
 * {@code <tenant uuid>.<256 random bits>} — and the SHA-256 under which they are stored. A fast hash is
 * enough: the tokens carry 256 bits of entropy, so a leaked table cannot be brute-forced back. The tenant
 * prefix routes the token (requests carrying only the token have no other tenant) and is not secret.
 */
public final class TokenHashes {
    private TokenHashes() {
    }

    public static String newToken(TenantId tenant) {
        return tenant + "." + RandomTokens.next(32);
    }

    /** The tenant named by a token, when it has the token's shape. */
    public static Optional<TenantId> tenantOf(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot != 36 || token.length() - dot - 1 < 43) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TenantId(UUID.fromString(token.substring(0, dot))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
