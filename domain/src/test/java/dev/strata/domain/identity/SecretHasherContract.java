package dev.strata.domain.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.port.SecretHasher;
import dev.strata.domain.shared.ContractSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link SecretHasher}: the in-memory fake and the real adaptive hasher extend it. */
public abstract class SecretHasherContract extends ContractSupport {
    protected SecretHasher hasher;

    /** Hook: the hasher under test (a real one may be configured with its cheapest work factor). */
    protected abstract SecretHasher createSubject();

    @BeforeEach
    void createHasher() {
        hasher = createSubject();
    }

    @Test
    void verifiesTheRightSecretOnly() {
        String stored = hasher.hash("correct horse battery staple");
        assertTrue(hasher.verify("correct horse battery staple", stored));
        assertFalse(hasher.verify("correct horse battery stapl", stored));
        assertFalse(hasher.verify("Correct horse battery staple", stored));
        assertFalse(hasher.verify("", stored));
    }

    @Test
    void theHashRevealsNothingOfTheSecretAndIsSalted() {
        String secret = "s3cr3t-value-0123456789";
        String first = hasher.hash(secret);
        String second = hasher.hash(secret);
        assertFalse(first.contains(secret));
        assertNotEquals(first, second, "two hashes of one secret differ (salt)");
        assertTrue(hasher.verify(secret, first));
        assertTrue(hasher.verify(secret, second));
    }

    @Test
    void aHashOfAnotherSecretDoesNotVerify() {
        assertFalse(hasher.verify("alpha-secret-value", hasher.hash("bravo-secret-value")));
    }

    @Test
    void handlesUnicodeSecrets() {
        String secret = "pässwörd-密码-🔑";
        String stored = hasher.hash(secret);
        assertTrue(hasher.verify(secret, stored));
        assertFalse(hasher.verify("passwörd-密码-🔑", stored));
    }

    @Test
    void aMalformedHashIsFalseNotAnError() {
        assertFalse(hasher.verify("secret", ""));
        assertFalse(hasher.verify("secret", "not a hash"));
        assertFalse(hasher.verify("secret", "$$$"));
        String stored = hasher.hash("secret");
        assertFalse(hasher.verify("secret", stored.substring(0, stored.length() / 2)));
    }

    @Test
    void burnSpendsWorkWithoutFailing() {
        hasher.burn("an unknown principal's secret");
        hasher.burn("");
        assertTrue(hasher.verify("still works", hasher.hash("still works")));
    }
}
