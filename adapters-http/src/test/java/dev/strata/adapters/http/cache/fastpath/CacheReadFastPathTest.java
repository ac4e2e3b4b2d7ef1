package dev.strata.adapters.http.cache.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.strata.domain.cache.CacheKey;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests the cache-read fast path may take on ({@link CacheReadFastPath#plainKey}); the rest go to Micronaut. */
class CacheReadFastPathTest {

    private static HttpRequest get(String uri, String... headers) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/cache/users/42            | users | 42",
        "/v1/cache/users/a%2Fb%20c     | users | a/b c",
        "/v1/cache/users/%C3%A9t%C3%A9 | users | été",
        "/v1/cache/stats/stats2        | stats | stats2",
        "/v1/cache/mget/mget           | mget  | mget",
    })
    void aPlainGetOfAKeyIsTaken(String uri, String ns, String key) {
        CacheKey taken = CacheReadFastPath.plainKey(get(uri, "Authorization", "Bearer x"));
        assertEquals(ns, taken.namespace().value());
        assertEquals(key, taken.key());
        // Java's HTTP client asks for h2c on every new connection; the server has none, so it is a plain request
        assertEquals(key, CacheReadFastPath.plainKey(get(uri, "Connection", "Upgrade, HTTP2-Settings", "Upgrade", "h2c")).key());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/cache/users",                    // the namespace itself
        "/v1/cache/users/",                   // no key
        "/v1/cache/users/a/b",                // a path under the key: no such route
        "/v1/cache/users/k?lease=true",       // a query string: Micronaut reads and checks it
        "/v1/cache/users/k#x",
        "/v1/cache/users/stats",              // the statistics route
        "/v1/cache/users/st%61ts",
        "/v1/cache//k",                       // no namespace
        "/v1/cache/Bad%20Ns/k",               // not a namespace name: Micronaut's 400
        "/v1/cache/users/%E0%A4",             // not UTF-8: Micronaut's 400
        "/v1/cache/users/%zz",                // a bad escape: Micronaut's 400
        "/v1/pings/users/k",
        "http://127.0.0.1/v1/cache/users/k",  // absolute form
    })
    void anythingButAPlainKeyGoesToMicronaut(String uri) {
        assertNull(CacheReadFastPath.plainKey(get(uri)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "If-None-Match     | \"abc\"",
        "Origin            | https://example.org",
        "Expect            | 100-continue",
        "Content-Length    | 3",
        "Transfer-Encoding | chunked",
        "Connection        | close",
        "Upgrade           | websocket",
    })
    void aHeaderThatAsksForMoreGoesToMicronaut(String name, String value) {
        assertNull(CacheReadFastPath.plainKey(get("/v1/cache/users/42", name, value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "PUT", "DELETE", "POST", "OPTIONS"})
    void onlyGetIsTaken(String method) {
        assertNull(CacheReadFastPath.plainKey(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), "/v1/cache/users/42")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "y"})
    void keysUpToTheLimitAreTakenLongerOnesAreNot(String letter) {
        String longest = letter.repeat(CacheKey.MAX_KEY_BYTES);
        assertEquals(longest, CacheReadFastPath.plainKey(get("/v1/cache/users/" + longest)).key());
        assertNull(CacheReadFastPath.plainKey(get("/v1/cache/users/" + longest + letter)));
    }

    @Test
    void http10GoesToMicronaut() {
        assertNull(CacheReadFastPath.plainKey(new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/v1/cache/users/42")));
    }
}
