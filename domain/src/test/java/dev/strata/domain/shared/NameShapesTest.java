package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.sessions.SessionId;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written shape checks accept exactly what their documented regular expressions accept. */
class NameShapesTest {
    private static final Pattern RESOURCE = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,62}$");
    private static final Pattern CLIENT = Pattern.compile("^sc_[A-Za-z0-9_-]{22}$");
    private static final Pattern SESSION = Pattern.compile("^[A-Za-z0-9_-]{22,128}$");
    private static final String ALPHABET = "abcxyzABCXYZ0129_.-/ é\u0000";

    @Test
    void resourceNamesMatchTheirPattern() {
        for (String sample : new String[] {"a", "0", "cache-1", "a.b_c-d", "a".repeat(63)}) {
            assertTrue(ResourceName.isValid(sample), sample);
        }
        for (String sample : new String[] {"", "-a", ".a", "_a", "A", "a b", "a/b", "a".repeat(64), "é"}) {
            assertFalse(ResourceName.isValid(sample), sample);
        }
        assertFalse(ResourceName.isValid(null));
        agreeOnRandomText(RESOURCE, ResourceName::isValid, "", 70);
    }

    @Test
    void clientAndSessionIdsMatchTheirPatterns() {
        assertTrue(ClientId.isWellFormed(ClientId.random().value()));
        assertTrue(SessionId.isWellFormed(SessionId.random().value()));
        assertFalse(ClientId.isWellFormed(null));
        assertFalse(SessionId.isWellFormed(null));
        agreeOnRandomText(CLIENT, ClientId::isWellFormed, "sc_", 26);
        agreeOnRandomText(SESSION, SessionId::isWellFormed, "", 140);
    }

    private static void agreeOnRandomText(Pattern pattern, java.util.function.Predicate<String> check, String prefix, int maxLength) {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? prefix : "");
            int length = random.nextInt(maxLength);
            // mostly valid characters, so that valid samples are common too
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(20) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : "abcdefghijklmnopqrstuvwxyz0123456789_-".charAt(random.nextInt(38)));
            }
            String sample = text.toString();
            assertEquals(pattern.matcher(sample).matches(), check.test(sample), () -> "disagree on '" + sample + "'");
        }
    }
}
