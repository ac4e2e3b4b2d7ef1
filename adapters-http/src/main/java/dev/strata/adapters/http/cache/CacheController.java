package dev.strata.adapters.http.cache;

import dev.strata.adapters.http.error.Problems;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.CacheStats;
import dev.strata.application.cache.port.ConfigureCacheNamespaceCommand;
import dev.strata.application.cache.port.ConfigureCacheNamespaceUseCase;
import dev.strata.application.cache.port.DeleteCacheEntryCommand;
import dev.strata.application.cache.port.DeleteCacheEntryUseCase;
import dev.strata.application.cache.port.GetCacheEntriesQuery;
import dev.strata.application.cache.port.GetCacheEntriesUseCase;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.application.cache.port.GetCacheEntryUseCase;
import dev.strata.application.cache.port.GetCacheStatsQuery;
import dev.strata.application.cache.port.GetCacheStatsUseCase;
import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.application.cache.port.InvalidateCacheUseCase;
import dev.strata.application.cache.port.PeekCacheEntryUseCase;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutCacheEntryUseCase;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.PreconditionFailedException;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.inject.Named;
import jakarta.validation.Valid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * HTTP adapter: the tiered cache ({@code /v1/cache}, scopes {@code cache:read} and {@code cache:write}).
 * Values are any JSON, stored and returned as the exact bytes the client sent. Keys are taken from the raw
 * path and percent-decoded here, so that any byte sequence of valid UTF-8 (a slash or NUL included) is a key.
 *
 * <p>Every route runs on the blocking pool except {@code GET /{ns}/{key}}: an L1 hit is answered from memory
 * on the thread that has the request, an L2 hit by a non-blocking Redis read, and only a miss in both moves
 * to the blocking pool (a hit must not pay for a thread hop). A plain, authorised L1 or L2 hit usually does
 * not get here at all: {@link CacheReadFastPath} answers it the same way, ahead of Micronaut's routing.
 */
@Controller("/v1/cache")
@io.swagger.v3.oas.annotations.tags.Tag(name = "cache")
@SecurityRequirement(name = "bearerAuth")
public class CacheController {
    static final String X_CACHE = "X-Cache";
    static final String LEASE = "X-Cache-Lease";
    private static final String BASE = "/v1/cache/";

    private final GetCacheEntryUseCase getEntry;
    private final PeekCacheEntryUseCase peekEntry;
    private final GetCacheEntriesUseCase getEntries;
    private final PutCacheEntryUseCase putEntry;
    private final DeleteCacheEntryUseCase deleteEntry;
    private final InvalidateCacheUseCase invalidate;
    private final ConfigureCacheNamespaceUseCase configure;
    private final GetCacheStatsUseCase stats;
    private final Executor blocking;
    private final Clock clock = Clock.systemUTC();

    public CacheController(GetCacheEntryUseCase getEntry, PeekCacheEntryUseCase peekEntry, GetCacheEntriesUseCase getEntries,
                           PutCacheEntryUseCase putEntry,
                           DeleteCacheEntryUseCase deleteEntry, InvalidateCacheUseCase invalidate,
                           ConfigureCacheNamespaceUseCase configure, GetCacheStatsUseCase stats,
                           @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.blocking = blocking;
        this.getEntry = getEntry;
        this.peekEntry = peekEntry;
        this.getEntries = getEntries;
        this.putEntry = putEntry;
        this.deleteEntry = deleteEntry;
        this.invalidate = invalidate;
        this.configure = configure;
        this.stats = stats;
    }

    @Operation(summary = "Configure a namespace: default TTL, durability (Postgres tier), in-process tier")
    @Put("/{ns}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:write")
    public NamespaceSettingsResponse configure(@PathVariable String ns, @Body @Valid NamespaceSettingsRequest request) {
        ResourceName namespace = ResourceName.of("namespace", ns);
        NamespaceSettingsRequest.L1 l1 = request.l1();
        NamespaceSettings settings = new NamespaceSettings(namespace,
                request.defaultTtlSeconds() == null ? NamespaceSettings.DEFAULT_TTL : Duration.ofSeconds(request.defaultTtlSeconds()),
                request.durable() == null || request.durable(),
                l1 == null || l1.enabled() == null || l1.enabled(),
                l1 == null || l1.maxEntries() == null ? NamespaceSettings.DEFAULT_L1_MAX_ENTRIES : l1.maxEntries(),
                l1 == null || l1.ttlSeconds() == null ? NamespaceSettings.DEFAULT_L1_TTL : Duration.ofSeconds(l1.ttlSeconds()));
        return NamespaceSettingsResponse.of(configure.configure(new ConfigureCacheNamespaceCommand(settings)));
    }

    @Operation(summary = "This instance's hits and misses per tier, hit rate and L1 size for a namespace")
    @Get("/{ns}/stats")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:read")
    public CacheStatsResponse stats(@PathVariable String ns) {
        ResourceName namespace = ResourceName.of("namespace", ns);
        CacheStats result = stats.stats(new GetCacheStatsQuery(namespace));
        Map<String, Long> hits = new LinkedHashMap<>();
        Map<String, Long> misses = new LinkedHashMap<>();
        for (CacheTier tier : CacheTier.values()) {
            hits.put(tier.name(), result.hits().get(tier));
            misses.put(tier.name(), result.misses().get(tier));
        }
        return new CacheStatsResponse(namespace.value(), hits, misses, result.hitRate(), result.l1Size());
    }

    @Operation(summary = "Read many keys: {values: {key: value}, missing: [key]}")
    @Post("/{ns}/mget")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:read")
    public HttpResponse<byte[]> mget(@PathVariable String ns, @Body @Valid MgetRequest request) {
        ResourceName namespace = ResourceName.of("namespace", ns);
        byte[] body = JsonBodies.mget(getEntries.getAll(new GetCacheEntriesQuery(namespace, request.keys())));
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Operation(summary = "Invalidate keys, tagged entries and/or a key prefix on every tier and instance")
    @Post("/{ns}/invalidate")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:write")
    public InvalidateResponse invalidate(@PathVariable String ns, @Body @Valid InvalidateRequest request) {
        ResourceName namespace = ResourceName.of("namespace", ns);
        Set<Tag> tags = new LinkedHashSet<>();
        if (request.tags() != null) {
            for (int i = 0; i < request.tags().size(); i++) {
                tags.add(Tag.of("tags[" + i + "]", request.tags().get(i)));
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        if (request.keys() != null) {
            for (int i = 0; i < request.keys().size(); i++) {
                keys.add(CacheKey.requireValidKey("keys[" + i + "]", request.keys().get(i)));
            }
        }
        long removed = invalidate.invalidate(new InvalidateCacheCommand(namespace, keys, tags, Optional.ofNullable(request.prefix())));
        return new InvalidateResponse(removed);
    }

    @Operation(summary = "Read a key: the stored JSON exactly as put, X-Cache tells the tier; ?lease=true on a miss "
            + "grants one caller an X-Cache-Lease, &waitMs=<=5000 waits for a fill")
    @Get("/{ns}/{key}")
    @RequiresScope("cache:read")
    @Parameter(name = "key", in = ParameterIn.PATH, required = true, description = "the key, percent-encoded")
    @Parameter(name = "lease", in = ParameterIn.QUERY, schema = @Schema(type = "boolean"))
    @Parameter(name = "waitMs", in = ParameterIn.QUERY, schema = @Schema(type = "integer", minimum = "0", maximum = "5000"))
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER)
    public CompletionStage<MutableHttpResponse<?>> get(HttpRequest<?> request, @PathVariable String ns) {
        // read by hand rather than bound: this is the hottest route, and binding costs per argument
        String lease = request.getParameters().get("lease");
        String waitMs = request.getParameters().get("waitMs");
        String ifNoneMatch = request.getHeaders().get("If-None-Match");
        CacheKey key = key(request, ns);
        boolean wantsLease = flag("lease", lease);
        Duration wait = Duration.ofMillis(bounded("waitMs", waitMs, 0, GetCacheEntryQuery.MAX_WAIT.toMillis(), 0));
        // a hit in L1 or L2 is answered without a thread hop (memory, or a non-blocking Redis read); a miss
        // there may wait on Postgres, a lease or a fill, so it moves to the blocking pool
        GetCacheEntryQuery query = new GetCacheEntryQuery(key, wantsLease, wait);
        Supplier<MutableHttpResponse<?>> slowPath = () -> answer(request, getEntry.get(query), ifNoneMatch);
        // taken now, on the request's thread: the hit check may complete on Redis's I/O thread
        Supplier<MutableHttpResponse<?>> lookup = PropagatedContext.wrapCurrent(slowPath);
        if (request.getHeaders().contains(CacheReadFastPath.PROBED)) {
            // the fast path asked L1 and L2 a moment ago and missed: straight to the full read
            return CompletableFuture.supplyAsync(lookup, blocking);
        }
        return peekEntry.getWithoutBlocking(key).thenCompose(hit -> hit.isPresent()
                ? CompletableFuture.completedFuture(answer(request, hit.get(), ifNoneMatch))
                : CompletableFuture.supplyAsync(lookup, blocking));
    }

    private MutableHttpResponse<?> answer(HttpRequest<?> request, CacheLookup lookup, @Nullable String ifNoneMatch) {
        if (lookup instanceof CacheLookup.Hit hit) {
            CacheEntry entry = hit.entry();
            long maxAge = entry.remainingAt(clock.instant()).toSeconds();
            if (ifNoneMatch != null && matches(ifNoneMatch, entry.etag())) {
                return HttpResponse.status(HttpStatus.NOT_MODIFIED)
                        .header(X_CACHE, hit.tier().name())
                        .header("ETag", entry.etag().quoted())
                        .header("Cache-Control", "max-age=" + maxAge);
            }
            return HttpResponse.ok(entry.value().json())
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(X_CACHE, hit.tier().name())
                    .header("ETag", entry.etag().quoted())
                    .header("Cache-Control", "max-age=" + maxAge);
        }
        CacheLookup.Miss miss = (CacheLookup.Miss) lookup;
        MutableHttpResponse<?> notFound = Problems.response(request, HttpStatus.NOT_FOUND, "cache.miss", "No live entry under this key.")
                .header(X_CACHE, "MISS");
        miss.lease().ifPresent(token -> notFound.header(LEASE, token.value()));
        return notFound;
    }

    @Operation(summary = "Store any JSON value (204); ?ttl=<s>&tags=a,b; If-Match makes it conditional (412); "
            + "X-Cache-Lease fills a leased miss (409 when the lease was voided)")
    @Put(value = "/{ns}/{key}", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:write")
    public MutableHttpResponse<?> put(HttpRequest<?> request, @PathVariable String ns, @PathVariable("key") String ignoredKey,
                                      @Body @Nullable byte[] body, @QueryValue @Nullable String ttl, @QueryValue @Nullable String tags,
                                      @Header("If-Match") @Nullable String ifMatch, @Header(LEASE) @Nullable String lease) {
        CacheKey key = key(request, ns);
        CacheValue value = new CacheValue(JsonBodies.requireJson(body));
        Optional<Duration> duration = ttl == null ? Optional.empty()
                : Optional.of(Duration.ofSeconds(bounded("ttl", ttl, 1, NamespaceSettings.MAX_TTL.toSeconds(), 0)));
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
            CacheLookup current = getEntry.get(GetCacheEntryQuery.of(key));
            if (!(current instanceof CacheLookup.Hit hit)) {
                throw new PreconditionFailedException("cache.etag_mismatch", "If-Match: * needs a current entry.");
            }
            expected = Optional.of(hit.entry().etag());
        } else if (ifMatch != null) {
            expected = ETag.parseHeader(ifMatch);
            if (expected.isEmpty()) {
                throw new PreconditionFailedException("cache.etag_mismatch", "If-Match does not match the current entry.");
            }
        }
        Optional<LeaseToken> token = Optional.empty();
        if (lease != null) {
            token = LeaseToken.parse(lease);
            if (token.isEmpty()) {
                throw new ConflictException("cache.lease_refused", "The lease is unknown, spent, expired or was voided; nothing was stored.");
            }
        }
        PutOutcome outcome = putEntry.put(new PutCacheEntryCommand(key, value, duration, tagSet, expected, token));
        if (outcome instanceof PutOutcome.Stored stored) {
            return HttpResponse.noContent().header("ETag", stored.entry().etag().quoted());
        }
        if (outcome instanceof PutOutcome.EtagMismatch) {
            throw new PreconditionFailedException("cache.etag_mismatch", "If-Match does not match the current entry.");
        }
        throw new ConflictException("cache.lease_refused", "The lease is unknown, spent, expired or was voided; nothing was stored.");
    }

    @Operation(summary = "Delete a key from every tier and instance (204)")
    @Delete("/{ns}/{key}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:write")
    public HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String ns, @PathVariable("key") String ignoredKey) {
        deleteEntry.delete(new DeleteCacheEntryCommand(key(request, ns)));
        return HttpResponse.noContent();
    }

    /** The key from the raw path: everything after {@code /v1/cache/<ns>/}, percent-decoded to UTF-8 bytes. */
    static CacheKey key(HttpRequest<?> request, String ns) {
        ResourceName namespace = ResourceName.of("namespace", ns);
        String raw = request.getUri().getRawPath();
        int start = raw.indexOf(BASE);
        int slash = start < 0 ? -1 : raw.indexOf('/', start + BASE.length());
        String encoded = slash < 0 ? "" : raw.substring(slash + 1);
        return new CacheKey(namespace, decode(encoded));
    }

    static String decode(String encoded) {
        if (plainAscii(encoded)) {
            // nothing escaped and nothing beyond ASCII: the text already is its own UTF-8 decoding
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidInputException("key", "key has a malformed percent-escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                bytes.writeBytes(encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("key", "key must be UTF-8");
        }
    }

    private static boolean plainAscii(String encoded) {
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
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

    private static boolean flag(String field, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new InvalidInputException(field, field + " must be true or false");
    }

    private static long bounded(String field, @Nullable String value, long min, long max, long fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(field, field + " must be an integer " + min + "-" + max);
    }
}
