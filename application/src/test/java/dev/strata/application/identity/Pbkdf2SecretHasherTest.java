package dev.strata.application.identity;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.SecretHasherContract;
import dev.strata.domain.identity.port.SecretHasher;
import org.junit.jupiter.api.Test;

/** The secret-hasher contract against the PBKDF2 implementation, plus its own format rules. */
class Pbkdf2SecretHasherTest extends SecretHasherContract {
    @Override
    protected SecretHasher createSubject() {
        return new Pbkdf2SecretHasher(10_000);
    }

    @Test
    void hashNamesItsAlgorithmAndIterations() {
        assertTrue(new Pbkdf2SecretHasher(12_345).hash("s").startsWith("pbkdf2-sha256$12345$"));
    }

    @Test
    void refusesTooFewIterations() {
        assertThrows(IllegalArgumentException.class, () -> new Pbkdf2SecretHasher(1000));
    }
}
