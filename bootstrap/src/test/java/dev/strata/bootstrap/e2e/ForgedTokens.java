package dev.strata.bootstrap.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test support: hand-made JWT pieces, for the suites that forge tokens to prove they are refused. */
final class ForgedTokens {
    private ForgedTokens() {
    }

    /** Base64url without padding, as JWT segments are written. */
    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The base64url HMAC of {@code input} under {@code key} with JCA {@code algorithm} (HmacSHA256, ...). */
    static String sign(String input, String algorithm, String key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
