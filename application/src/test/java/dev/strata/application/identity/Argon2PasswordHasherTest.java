package dev.strata.application.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.SecretHasherContract;
import dev.strata.domain.identity.port.SecretHasher;
import org.junit.jupiter.api.Test;

/** The hasher contract for Argon2id at the OWASP floor, plus its format and parameter floor. */
class Argon2PasswordHasherTest extends SecretHasherContract {
    @Override
    protected SecretHasher createSubject() {
        return new Argon2PasswordHasher(19 * 1024, 2, 1);
    }

    @Test
    void writesPhcStringsWithTheParametersAndRefusesWeakerOnes() {
        String hash = new Argon2PasswordHasher(19 * 1024, 2, 1).hash("correct horse battery");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains("correct"));
        assertThrows(IllegalArgumentException.class, () -> new Argon2PasswordHasher(8 * 1024, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2PasswordHasher(19 * 1024, 1, 1));
    }

    @Test
    void verifiesWithTheParametersStoredInTheHash() {
        String stronger = new Argon2PasswordHasher(24 * 1024, 3, 1).hash("a long passphrase");
        assertTrue(new Argon2PasswordHasher(19 * 1024, 2, 1).verify("a long passphrase", stronger));
        assertFalse(new Argon2PasswordHasher(19 * 1024, 2, 1).verify("a long passphrase", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA"));
    }
}
