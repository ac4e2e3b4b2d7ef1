package dev.strata.adapters.http.cache;

import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.PreconditionFailedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * HTTP adapter helper: {@code PUT /v1/cache/{ns}/{key}} read into a {@link PutCacheEntryCommand} (body, {@code ttl},
 * {@code tags}, {@code If-Match}, {@code X-Cache-Lease}), and its outcome into the response (204, 412 or 409).
 */
final class CachePutRequest {
    private static final String LEASE_REFUSED = "The lease is unknown, spent, expired or was voided; nothing was stored.";
    private static final String ETAG_MISMATCH = "If-Match does not match the current entry.";

    private CachePutRequest() {
    }

    /**
     * The write of {@code body} under {@code key}, checked in this order: the body, {@code ttl}, {@code tags},
     * {@code If-Match} ({@code *} asks {@code current} for the entry's ETag), the lease.
     */
    static PutCacheEntryCommand command(CacheKey key, @Nullable byte[] body, @Nullable String ttl, @Nullable String tags,
                                        @Nullable String ifMatch, @Nullable String lease, Supplier<CacheLookup> current) {
        CacheValue value = new CacheValue(JsonBodies.requireJson(body));
        Optional<Duration> duration = ttl == null ? Optional.empty()
                : Optional.of(Duration.ofSeconds(QueryValues.bounded("ttl", ttl, 1, NamespaceSettings.MAX_TTL.toSeconds(), 0)));
        Set<Tag> tagSet = new LinkedHashSet<>();
        if (tags != null && !tags.isBlank()) {
            for (String tag : tags.split(",", -1)) {
                tagSet.add(Tag.of("tags", tag.strip()));
            }
        }
        if (tagSet.size() > CacheEntry.MAX_TAGS) {
            throw new InvalidInputException("tags", "tags must hold at most " + CacheEntry.MAX_TAGS + " tags");
        }
        Optional<ETag> expected = Optional.empty();
        if (ifMatch != null && ifMatch.strip().equals("*")) {
            // "any current entry": the current ETag, checked again atomically by the conditional put
            if (!(current.get() instanceof CacheLookup.Hit hit)) {
                throw new PreconditionFailedException("cache.etag_mismatch", "If-Match: * needs a current entry.");
            }
            expected = Optional.of(hit.entry().etag());
        } else if (ifMatch != null) {
            expected = ETag.parseHeader(ifMatch);
            if (expected.isEmpty()) {
                throw new PreconditionFailedException("cache.etag_mismatch", ETAG_MISMATCH);
            }
        }
        Optional<LeaseToken> token = Optional.empty();
        if (lease != null) {
            token = LeaseToken.parse(lease);
            if (token.isEmpty()) {
                throw new ConflictException("cache.lease_refused", LEASE_REFUSED);
            }
        }
        return new PutCacheEntryCommand(key, value, duration, tagSet, expected, token);
    }

    /** 204 with the stored entry's ETag; a refused condition is a 412, a refused lease a 409. */
    static MutableHttpResponse<?> answer(PutOutcome outcome) {
        if (outcome instanceof PutOutcome.Stored stored) {
            return HttpResponse.noContent().header("ETag", stored.entry().etag().quoted());
        }
        if (outcome instanceof PutOutcome.EtagMismatch) {
            throw new PreconditionFailedException("cache.etag_mismatch", ETAG_MISMATCH);
        }
        throw new ConflictException("cache.lease_refused", LEASE_REFUSED);
    }
}
