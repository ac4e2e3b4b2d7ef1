package dev.strata.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a cache path becomes a key: the routed form (400 on bad input) and the exact form of the fast path (null). */
class CachePathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/cache/users/42                | users | 42",
        "/v1/cache/users/a%2Fb%20c         | users | a/b c",
        "/v1/cache/users/%C3%A9t%C3%A9     | users | été",
        "/v1/cache/users/été               | users | été",
        "/v1/cache/users/a/b               | users | a/b",
        "/v1/cache/users/%F0%9F%98%80      | users | \uD83D\uDE00",
        "/v1/cache/users/\uD83D\uDE00      | users | \uD83D\uDE00",
        "/v1/cache/users/stats             | users | stats",
    })
    void aRoutedPathIsDecodedToItsKey(String rawPath, String ns, String key) {
        CacheKey decoded = CachePath.key(ns, rawPath);
        assertEquals(ns, decoded.namespace().value());
        assertEquals(key, decoded.key());
    }

    @Test
    void aKeyMayHoldAnyUtf8EvenNul() {
        assertEquals("\u0000x", CachePath.key("users", "/v1/cache/users/%00x").key());
        assertEquals("\u0000x", CachePath.exactKey("/v1/cache/users/%00x").key());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/cache/users/%zz       | users  | key",
        "/v1/cache/users/%4        | users  | key",
        "/v1/cache/users/%E0%A4    | users  | key",
        "/v1/cache/users/          | users  | key",
        "/v1/cache/Bad%20Ns/k      | Bad Ns | namespace",
    })
    void aBadRoutedPathIsInvalidInputNamingTheField(String rawPath, String ns, String field) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> CachePath.key(ns, rawPath));
        assertEquals(field, error.field());
    }

    @Test
    void theRoutedFormSaysWhatIsWrongWithAKey() {
        InvalidInputException malformed = assertThrows(InvalidInputException.class, () -> CachePath.key("users", "/v1/cache/users/%zz"));
        assertEquals("key has a malformed percent-escape", malformed.getMessage());
        InvalidInputException notUtf8 = assertThrows(InvalidInputException.class, () -> CachePath.key("users", "/v1/cache/users/%E0%A4"));
        assertEquals("key must be UTF-8", notUtf8.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/cache/users/42            | users | 42",
        "/v1/cache/users/a%2Fb%20c     | users | a/b c",
        "/v1/cache/users/%C3%A9t%C3%A9 | users | été",
        "/v1/cache/stats/stats2        | stats | stats2",
        "/v1/cache/mget/mget           | mget  | mget",
        "/v1/cache/users/mget          | users | mget",
    })
    void anExactPathNamesItsKey(String uri, String ns, String key) {
        CacheKey exact = CachePath.exactKey(uri);
        assertEquals(ns, exact.namespace().value());
        assertEquals(key, exact.key());
        assertEquals(exact, CachePath.key(ns, uri), "the same key as the routed form");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/cache/users",
        "/v1/cache/users/",
        "/v1/cache/users/a/b",
        "/v1/cache/users/k?lease=true",
        "/v1/cache/users/k#x",
        "/v1/cache/users/stats",
        "/v1/cache/users/st%61ts",
        "/v1/cache//k",
        "/v1/cache/Bad%20Ns/k",
        "/v1/cache/users/%E0%A4",
        "/v1/cache/users/%zz",
        "/v1/pings/users/k",
        "http://127.0.0.1/v1/cache/users/k",
    })
    void anythingButExactlyOneKeyIsNoExactKey(String uri) {
        assertNull(CachePath.exactKey(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "é"})
    void keysUpToTheLimitAreExactLongerOnesAreNot(String letter) {
        String longest = letter.repeat(CacheKey.MAX_KEY_BYTES / letter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals(longest, CachePath.exactKey("/v1/cache/users/" + longest).key());
        assertNull(CachePath.exactKey("/v1/cache/users/" + longest + letter));
        assertThrows(InvalidInputException.class, () -> CachePath.key("users", "/v1/cache/users/" + longest + letter));
    }
}
