package dev.strata.adapters.http.cache;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.cache.port.CacheLookup;
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
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * HTTP adapter: the tiered cache ({@code /v1/cache}, scopes {@code cache:read} and {@code cache:write}).
 * Values are any JSON, stored and returned as the exact bytes the client sent. Keys are taken from the raw
 * path and percent-decoded ({@link CachePath}), so that any byte sequence of valid UTF-8 (a slash or NUL
 * included) is a key.
 *
 * <p>Every route runs on the blocking pool except {@code GET /{ns}/{key}}: an L1 hit is answered from memory
 * on the thread that has the request, an L2 hit by a non-blocking Redis read, and only a miss in both moves
 * to the blocking pool (a hit must not pay for a thread hop). A plain, authorised L1 or L2 hit usually does
 * not get here at all: the fast path ({@code cache.fastpath}) answers it the same way, ahead of Micronaut's
 * routing. Both read the path with {@link CachePath} and answer a hit with {@link CacheHitResponse}; the
 * controller only routes: request to query or command, to use case, to response.
 */
@Controller("/v1/cache")
@io.swagger.v3.oas.annotations.tags.Tag(name = "cache")
@SecurityRequirement(name = "bearerAuth")
public class CacheController {
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
        NamespaceSettings settings = request.settingsOf(ResourceName.of("namespace", ns));
        return NamespaceSettingsResponse.of(configure.configure(new ConfigureCacheNamespaceCommand(settings)));
    }

    @Operation(summary = "This instance's hits and misses per tier, hit rate and L1 size for a namespace")
    @Get("/{ns}/stats")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:read")
    public CacheStatsResponse stats(@PathVariable String ns) {
        ResourceName namespace = ResourceName.of("namespace", ns);
        return CacheStatsResponse.of(namespace, stats.stats(new GetCacheStatsQuery(namespace)));
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
        InvalidateCacheCommand command = request.commandFor(ResourceName.of("namespace", ns));
        return new InvalidateResponse(invalidate.invalidate(command));
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
        CacheKey key = CachePath.key(ns, request.getUri().getRawPath());
        // a hit in L1 or L2 is answered without a thread hop (memory, or a non-blocking Redis read); a miss
        // there may wait on Postgres, a lease or a fill, so it moves to the blocking pool
        GetCacheEntryQuery query = CacheGetRequest.query(key, lease, waitMs);
        Supplier<MutableHttpResponse<?>> slowPath = () -> answer(request, getEntry.get(query), ifNoneMatch);
        // taken now, on the request's thread: the hit check may complete on Redis's I/O thread
        Supplier<MutableHttpResponse<?>> lookup = PropagatedContext.wrapCurrent(slowPath);
        String probed = request.getHeaders().get(CacheHeaders.PROBED);
        if (CacheHeaders.PROBED_MISS.equals(probed) && lease == null && waitMs == null && ifNoneMatch == null) {
            // the fast path's full read of this very request missed a moment ago (counted there)
            return CompletableFuture.completedFuture(CacheMissResponse.of(request, new CacheLookup.Miss(Optional.empty())));
        }
        if (probed != null) {
            // the fast path asked L1 and L2 a moment ago and missed: straight to the full read
            return CompletableFuture.supplyAsync(lookup, blocking);
        }
        return peekEntry.getWithoutBlocking(key).thenCompose(hit -> hit.isPresent()
                ? CompletableFuture.completedFuture(answer(request, hit.get(), ifNoneMatch))
                : CompletableFuture.supplyAsync(lookup, blocking));
    }

    private MutableHttpResponse<?> answer(HttpRequest<?> request, CacheLookup lookup, @Nullable String ifNoneMatch) {
        if (lookup instanceof CacheLookup.Hit hit) {
            return CacheHitResponse.of(hit, clock.instant()).toHttpResponse(ifNoneMatch);
        }
        return CacheMissResponse.of(request, (CacheLookup.Miss) lookup);
    }

    @Operation(summary = "Store any JSON value (204); ?ttl=<s>&tags=a,b; If-Match makes it conditional (412); "
            + "X-Cache-Lease fills a leased miss (409 when the lease was voided)")
    @Put(value = "/{ns}/{key}", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:write")
    public MutableHttpResponse<?> put(HttpRequest<?> request, @PathVariable String ns, @PathVariable("key") String ignoredKey,
                                      @Body @Nullable byte[] body, @QueryValue @Nullable String ttl, @QueryValue @Nullable String tags,
                                      @Header("If-Match") @Nullable String ifMatch, @Header(CacheHeaders.LEASE) @Nullable String lease) {
        CacheKey key = CachePath.key(ns, request.getUri().getRawPath());
        PutCacheEntryCommand command = CachePutRequest.command(key, body, ttl, tags, ifMatch, lease,
                () -> getEntry.get(GetCacheEntryQuery.of(key)));
        return CachePutRequest.answer(putEntry.put(command));
    }

    @Operation(summary = "Delete a key from every tier and instance (204)")
    @Delete("/{ns}/{key}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @RequiresScope("cache:write")
    public HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String ns, @PathVariable("key") String ignoredKey) {
        deleteEntry.delete(new DeleteCacheEntryCommand(CachePath.key(ns, request.getUri().getRawPath())));
        return HttpResponse.noContent();
    }
}
