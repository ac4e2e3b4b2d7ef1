package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final ResourceName NS = new ResourceName("ns");

    @Test
    void acceptsOneTo512BytesOfAnyCharacters() {
        assertEquals("a", new CacheKey(NS, "a").key());
        String twoByteChars = "é".repeat(256);
        assertEquals(512, twoByteChars.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(twoByteChars, new CacheKey(NS, twoByteChars).key());
        String fourByteChars = "😀".repeat(128);
        assertEquals(512, fourByteChars.getBytes(StandardCharsets.UTF_8).length);
        new CacheKey(NS, fourByteChars);
        new CacheKey(NS, "k".repeat(512));
        new CacheKey(NS, " spaces/slashes?&=%20\u0000\t\n");
    }

    @Test
    void rejectsAnEmptyKeyNamingTheArgument() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> new CacheKey(NS, ""));
        assertEquals("key", error.field());
        assertThrows(InvalidInputException.class, () -> new CacheKey(NS, null));
    }

    @Test
    void rejects513Bytes() {
        assertEquals("key", assertThrows(InvalidInputException.class, () -> new CacheKey(NS, "k".repeat(513))).field());
        String threeByteChars = "€".repeat(171);
        assertEquals(513, threeByteChars.getBytes(StandardCharsets.UTF_8).length);
        assertThrows(InvalidInputException.class, () -> new CacheKey(NS, threeByteChars));
        assertThrows(InvalidInputException.class, () -> new CacheKey(NS, "é".repeat(256) + "x"));
    }

    @Test
    void rejectsTextThatIsNotValidUtf8() {
        assertThrows(InvalidInputException.class, () -> new CacheKey(NS, "broken\uD83D"));
        assertThrows(InvalidInputException.class, () -> new CacheKey(NS, "\uDE00broken"));
    }

    @Test
    void requiresANamespace() {
        assertEquals("namespace", assertThrows(InvalidInputException.class, () -> new CacheKey(null, "k")).field());
    }

    @Test
    void requireValidKeyNamesTheFieldItWasGiven() {
        assertEquals("keys[3]", assertThrows(InvalidInputException.class,
                () -> CacheKey.requireValidKey("keys[3]", "")).field());
    }

    @Test
    void namespacesFollowTheResourceNamePattern() {
        new ResourceName("a");
        new ResourceName("products.v2_eu-1");
        new ResourceName("a" + "b".repeat(62));
        for (String bad : new String[] {"", "A", "-a", ".a", "_a", "a b", "a/b", "ä", "a" + "b".repeat(63)}) {
            assertThrows(InvalidInputException.class, () -> new ResourceName(bad), bad);
        }
        assertEquals("namespace", assertThrows(InvalidInputException.class,
                () -> ResourceName.of("namespace", "Bad")).field());
    }
}
