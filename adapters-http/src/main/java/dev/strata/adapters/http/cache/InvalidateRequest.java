package dev.strata.adapters.http.cache;

import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Request of {@code POST /v1/cache/{ns}/invalidate}: keys, tags and/or a key prefix (at least one). */
@Serdeable
public record InvalidateRequest(@Nullable @Size(max = 1000) List<@NotNull String> keys,
                                @Nullable @Size(max = 1000) List<@NotNull String> tags,
                                @Nullable String prefix) {

    /** The invalidation in {@code namespace} this request asks for; an invalid tag or key is invalid input. */
    InvalidateCacheCommand commandFor(ResourceName namespace) {
        Set<Tag> tagSet = new LinkedHashSet<>();
        if (tags != null) {
            for (int i = 0; i < tags.size(); i++) {
                tagSet.add(Tag.of("tags[" + i + "]", tags.get(i)));
            }
        }
        Set<String> keySet = new LinkedHashSet<>();
        if (keys != null) {
            for (int i = 0; i < keys.size(); i++) {
                keySet.add(CacheKey.requireValidKey("keys[" + i + "]", keys.get(i)));
            }
        }
        return new InvalidateCacheCommand(namespace, keySet, tagSet, Optional.ofNullable(prefix));
    }
}
