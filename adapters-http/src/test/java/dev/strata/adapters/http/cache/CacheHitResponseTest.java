package dev.strata.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.cache.port.CacheLookup;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a cache hit answers: status, headers in order, the stored bytes; and when it is a 304. */
class CacheHitResponseTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String JSON = "{ \"a\" : [1, 2.50, \"Grüße\"] }";

    private static CacheLookup.Hit hit(CacheTier tier, Duration left) {
        CacheEntry entry = CacheEntry.of(new CacheKey(ResourceName.of("namespace", "users"), "k"),
                CacheValue.ofUtf8(JSON), NOW.plus(left), Set.of());
        return new CacheLookup.Hit(entry, tier);
    }

    private static List<String> headers(CacheHitResponse response) {
        List<String> headers = new ArrayList<>();
        response.forEachHeader((name, value) -> headers.add(name + ": " + value));
        return headers;
    }

    @Test
    void theHeadersAreTierEtagAndTheRemainingSecondsInThatOrder() {
        CacheLookup.Hit hit = hit(CacheTier.L2, Duration.ofMillis(119_999));
        CacheHitResponse response = CacheHitResponse.of(hit, NOW);
        assertEquals(List.of("X-Cache: L2", "ETag: " + hit.entry().etag().quoted(), "Cache-Control: max-age=119"), headers(response));
        assertEquals(List.of("X-Cache: L1", "ETag: " + hit.entry().etag().quoted(), "Cache-Control: max-age=0"),
                headers(CacheHitResponse.of(hit(CacheTier.L1, Duration.ofSeconds(5)), NOW.plusSeconds(10))), "expired: zero, never negative");
        assertEquals("application/json", CacheHitResponse.CONTENT_TYPE);
    }

    @Test
    void theBodyIsTheStoredBytes() {
        CacheHitResponse response = CacheHitResponse.of(hit(CacheTier.L3, Duration.ofSeconds(60)), NOW);
        ByteBuffer body = response.body();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        assertArrayEquals(JSON.getBytes(StandardCharsets.UTF_8), bytes);
        assertEquals(JSON.getBytes(StandardCharsets.UTF_8).length, response.contentLength());
    }

    @Test
    void asAMicronautResponseItIsA200WithTheValueAndTheHeaders() {
        CacheLookup.Hit hit = hit(CacheTier.L1, Duration.ofSeconds(60));
        MutableHttpResponse<?> response = CacheHitResponse.of(hit, NOW).toHttpResponse(null);
        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals("application/json", response.getContentType().orElseThrow().toString());
        assertEquals("L1", response.getHeaders().get("X-Cache"));
        assertEquals(hit.entry().etag().quoted(), response.getHeaders().get("ETag"));
        assertEquals("max-age=60", response.getHeaders().get("Cache-Control"));
        assertArrayEquals(JSON.getBytes(StandardCharsets.UTF_8), (byte[]) response.body());
    }

    @Test
    void aMatchingIfNoneMatchIsA304WithTheHeadersAndNoBody() {
        CacheLookup.Hit hit = hit(CacheTier.L2, Duration.ofSeconds(60));
        MutableHttpResponse<?> response = CacheHitResponse.of(hit, NOW).toHttpResponse(hit.entry().etag().quoted());
        assertEquals(HttpStatus.NOT_MODIFIED, response.getStatus());
        assertNull(response.body());
        assertTrue(response.getContentType().isEmpty());
        assertEquals("L2", response.getHeaders().get("X-Cache"));
        assertEquals(hit.entry().etag().quoted(), response.getHeaders().get("ETag"));
        assertEquals("max-age=60", response.getHeaders().get("Cache-Control"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", " * ", "%s", "W/%s", "\"other\", %s", "\"other\" , W/%s"})
    void ifNoneMatchNamingTheEntryOrAnyIsNotModified(String header) {
        CacheLookup.Hit hit = hit(CacheTier.L1, Duration.ofSeconds(60));
        assertTrue(CacheHitResponse.of(hit, NOW).notModified(header.replace("%s", hit.entry().etag().quoted())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"other\"", "", "garbage", "W/\"other\", \"x\""})
    void ifNoneMatchNamingSomethingElseIsA200(String header) {
        CacheLookup.Hit hit = hit(CacheTier.L1, Duration.ofSeconds(60));
        CacheHitResponse response = CacheHitResponse.of(hit, NOW);
        assertFalse(response.notModified(header));
        assertFalse(response.notModified(null));
        assertEquals(HttpStatus.OK, response.toHttpResponse(header).getStatus());
    }
}
