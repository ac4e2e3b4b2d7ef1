package dev.strata.adapters.http.cache;

import dev.strata.application.cache.port.CacheLookup;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.ETag;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * HTTP adapter: the answer to a cache hit — 200 with the stored JSON byte for byte ({@code application/json}),
 * or 304 without a body when {@code If-None-Match} names the entry — with the headers {@code X-Cache} (the
 * tier), {@code ETag} and {@code Cache-Control: max-age=<the entry's remaining seconds>}, in that order.
 * The controller and the fast path both answer a hit from it.
 */
public final class CacheHitResponse {
    /** The content type of a value. */
    public static final String CONTENT_TYPE = MediaType.APPLICATION_JSON;
    static final String ETAG = "ETag";
    static final String CACHE_CONTROL = "Cache-Control";

    private final CacheEntry entry;
    private final String tier;
    private final String etag;
    private final String cacheControl;

    private CacheHitResponse(CacheEntry entry, String tier, long maxAgeSeconds) {
        this.entry = entry;
        this.tier = tier;
        this.etag = entry.etag().quoted();
        this.cacheControl = "max-age=" + maxAgeSeconds;
    }

    /** The answer to {@code hit} at {@code now} (the instant its max-age counts from). */
    public static CacheHitResponse of(CacheLookup.Hit hit, Instant now) {
        return new CacheHitResponse(hit.entry(), hit.tier().name(), hit.entry().remainingAt(now).toSeconds());
    }

    /** Whether an {@code If-None-Match} header (absent: null) names this entry, or any ({@code *}): a 304. */
    public boolean notModified(@Nullable String ifNoneMatch) {
        return ifNoneMatch != null && matches(ifNoneMatch, entry.etag());
    }

    /** The hit's own headers in the order they are sent: {@code X-Cache}, {@code ETag}, {@code Cache-Control}. */
    public void forEachHeader(BiConsumer<String, String> header) {
        header.accept(CacheHeaders.X_CACHE, tier);
        header.accept(ETAG, etag);
        header.accept(CACHE_CONTROL, cacheControl);
    }

    /** The body of a 200: the stored value, a read-only view (not a copy). */
    public ByteBuffer body() {
        return entry.value().view();
    }

    /** The length of {@link #body()} in bytes. */
    public int contentLength() {
        return entry.value().size();
    }

    /** As a Micronaut response: 304 when {@code ifNoneMatch} names the entry, else 200 with the value. */
    public MutableHttpResponse<?> toHttpResponse(@Nullable String ifNoneMatch) {
        MutableHttpResponse<?> response = notModified(ifNoneMatch)
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(entry.value().json()).contentType(MediaType.APPLICATION_JSON_TYPE);
        forEachHeader(response::header);
        return response;
    }

    private static boolean matches(String ifNoneMatch, ETag etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String text = candidate.strip();
            if (text.equals("*")) {
                return true;
            }
            if (text.startsWith("W/")) {
                text = text.substring(2);
            }
            Optional<ETag> parsed = ETag.parseHeader(text);
            if (parsed.isPresent() && parsed.get().equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
