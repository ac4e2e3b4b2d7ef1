package dev.strata.adapters.http.vectors;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.adapters.http.shared.PageResponse;
import dev.strata.application.vectors.port.VectorsUseCase;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.DefineCollectionResult;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.WriteResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP adapter: vector collections of the caller's tenant ({@code /v1/collections}, scopes {@code vectors:read} and
 * {@code vectors:write}). Embeddings are supplied by the caller; another tenant's collection is a 404.
 */
@Controller("/v1/collections")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "vectors")
@SecurityRequirement(name = "bearerAuth")
public class VectorsController {
    private static final int MAX_PAGE = 1000;

    private final VectorsUseCase vectors;
    private final JsonMapper json;
    private final RequestKeys requestKeys = new RequestKeys(RequestKeys.DEFAULT_CAPACITY);

    public VectorsController(VectorsUseCase vectors, JsonMapper json) {
        this.vectors = vectors;
        this.json = json;
    }

    @Operation(summary = "Define a collection {dimension, metric, index?}: 201 created, 200 identical, 409 different settings")
    @Put("/{c}")
    @RequiresScope("vectors:write")
    public HttpResponse<Map<String, Object>> define(@PathVariable String c, @Body @Nullable JsonNode body) {
        DefineCollectionResult result = vectors.define(VectorsJson.definition(name(c), body));
        if (result instanceof DefineCollectionResult.Created created) {
            return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED).body(VectorsJson.collection(created.collection()));
        }
        if (result instanceof DefineCollectionResult.Identical identical) {
            return HttpResponse.ok(VectorsJson.collection(identical.collection()));
        }
        throw new ConflictException("vectors.collection_conflict",
                "collection " + c + " exists with different settings");
    }

    @Operation(summary = "The tenant's collections by name: {items, nextCursor}; ?after=<name>&limit=1..1000 (100)")
    @Get
    @RequiresScope("vectors:read")
    public PageResponse<Map<String, Object>> list(@QueryValue @Nullable String after, @QueryValue @Nullable Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidInputException("limit", "limit must be 1-" + MAX_PAGE);
        }
        Optional<ResourceName> from = after == null || after.isEmpty() ? Optional.empty()
                : Optional.of(ResourceName.of("after", after));
        List<CollectionInfo> page = vectors.list(from, size);
        String next = page.size() == size ? page.get(page.size() - 1).name().value() : null;
        return new PageResponse<>(page.stream().map(VectorsJson::collection).toList(), next);
    }

    @Operation(summary = "A collection: {name, dimension, metric, index, storage, count, version}")
    @Get("/{c}")
    @RequiresScope("vectors:read")
    public Map<String, Object> find(@PathVariable String c) {
        return VectorsJson.collection(vectors.find(name(c)));
    }

    @Operation(summary = "Delete a collection, its items and cached results (204)")
    @Delete("/{c}")
    @RequiresScope("vectors:write")
    public HttpResponse<Void> delete(@PathVariable String c) {
        if (!vectors.delete(name(c))) {
            throw notFound(c);
        }
        return HttpResponse.noContent();
    }

    @Operation(summary = "Upsert {items: [{id, vector, metadata?, content?}]} (1..1000, all or nothing): {upserted, version}")
    @Put("/{c}/vectors")
    @RequiresScope("vectors:write")
    public Map<String, Object> upsert(@PathVariable String c, @Body @Nullable JsonNode body) {
        WriteResult written = vectors.upsert(name(c), VectorsJson.items(body));
        return Map.of("upserted", written.count(), "version", written.version());
    }

    @Operation(summary = "An item: {id, vector, metadata, content?}")
    @Get("/{c}/vectors/{id}")
    @RequiresScope("vectors:read")
    public Map<String, Object> get(@PathVariable String c, @PathVariable String id) {
        return VectorsJson.item(vectors.get(name(c), VectorId.of("id", id))
                .orElseThrow(() -> new NotFoundException("vectors.item_not_found", "no item " + id + " in collection " + c)));
    }

    @Operation(summary = "Delete an item (204; 404 when there is none)")
    @Delete("/{c}/vectors/{id}")
    @RequiresScope("vectors:write")
    public HttpResponse<Void> deleteItem(@PathVariable String c, @PathVariable String id) {
        if (vectors.delete(name(c), VectorId.of("id", id)).count() == 0) {
            throw new NotFoundException("vectors.item_not_found", "no item " + id + " in collection " + c);
        }
        return HttpResponse.noContent();
    }

    @Operation(summary = "Delete the items a metadata filter matches: ?filter=<JSON object>; {deleted, version}")
    @Delete("/{c}/vectors")
    @RequiresScope("vectors:write")
    public Map<String, Object> deleteWhere(@PathVariable String c, @QueryValue @Nullable String filter) {
        if (filter == null || filter.isBlank()) {
            throw new InvalidInputException("filter", "filter is required (a JSON object)");
        }
        JsonNode node;
        try {
            node = json.readValue(filter, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("filter", "filter must be a JSON object");
        }
        return deleted(vectors.deleteWhere(name(c), VectorsJson.filter(node)));
    }

    @Operation(summary = "Delete the items a metadata filter matches: {filter}; {deleted, version}")
    @Post("/{c}/vectors/delete")
    @RequiresScope("vectors:write")
    public Map<String, Object> deleteWhereBody(@PathVariable String c, @Body @Nullable JsonNode body) {
        MetadataFilter filter = VectorsJson.filterBody(body);
        return deleted(vectors.deleteWhere(name(c), filter));
    }

    @Operation(summary = "Search {vector?, text?, k?, filter?, minScore?, efSearch?, probes?, mode?, include?}: "
            + "{results: [{id, score, distance, metadata?, content?, vector?}], cached, tookMs}")
    @Post("/{c}/search")
    @RequiresScope("vectors:read")
    public Map<String, Object> search(@PathVariable String c, @Body @Nullable byte[] body) {
        ResourceName collection = name(c);
        // A repeated request (the same bytes) skips parsing: its cache key is remembered from the first time.
        String digest = body == null ? null : RequestKeys.digest(body);
        String known = digest == null ? null : requestKeys.get(digest);
        if (known != null) {
            Optional<VectorsUseCase.SearchAnswer> cached = vectors.cached(collection, known);
            if (cached.isPresent()) {
                return answer(cached.get());
            }
        }
        SearchQuery query = VectorsJson.query(tree(body));
        VectorsUseCase.SearchAnswer answer = vectors.search(collection, query);
        if (digest != null && known == null) {
            requestKeys.put(digest, vectors.requestKey(query));
        }
        return answer(answer);
    }

    private static Map<String, Object> answer(VectorsUseCase.SearchAnswer answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", answer.hits().stream().map(VectorsJson::hit).toList());
        out.put("cached", answer.cached());
        out.put("tookMs", answer.tookMs());
        return out;
    }

    private @Nullable JsonNode tree(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("body", "body must be a JSON object");
        }
    }

    private static Map<String, Object> deleted(WriteResult written) {
        return Map.of("deleted", written.count(), "version", written.version());
    }

    private static ResourceName name(String c) {
        return ResourceName.of("collection", c);
    }

    private static NotFoundException notFound(String c) {
        return new NotFoundException("vectors.collection_not_found", "collection " + c + " not found");
    }
}
