package dev.strata.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.application.cache.port.CacheStats;
import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request and response bodies of the namespace routes mapped to and from the use cases' types. */
class CacheBodiesTest {
    private static final ResourceName USERS = ResourceName.of("namespace", "users");

    @Test
    void anEmptySettingsRequestTakesEveryDefault() {
        assertEquals(NamespaceSettings.defaults(USERS), new NamespaceSettingsRequest(null, null, null).settingsOf(USERS));
        assertEquals(NamespaceSettings.defaults(USERS),
                new NamespaceSettingsRequest(null, null, new NamespaceSettingsRequest.L1(null, null, null)).settingsOf(USERS));
    }

    @Test
    void aSettingsRequestSetsWhatItNames() {
        NamespaceSettings settings = new NamespaceSettingsRequest(600L, false, new NamespaceSettingsRequest.L1(false, 10, 30L))
                .settingsOf(USERS);
        assertEquals(new NamespaceSettings(USERS, Duration.ofSeconds(600), false, false, 10, Duration.ofSeconds(30)), settings);
        NamespaceSettingsResponse response = NamespaceSettingsResponse.of(settings);
        assertEquals(new NamespaceSettingsResponse("users", 600, false, new NamespaceSettingsResponse.L1(false, 10, 30)), response);
    }

    @Test
    void anInvalidationCarriesItsKeysTagsAndPrefix() {
        InvalidateCacheCommand command = new InvalidateRequest(List.of("b", "a", "b"), List.of("t2", "t1"), "p:").commandFor(USERS);
        assertEquals(USERS, command.namespace());
        assertEquals(Set.of("b", "a"), command.keys());
        assertEquals(Set.of(Tag.of("t", "t2"), Tag.of("t", "t1")), command.tags());
        assertEquals(Optional.of("p:"), command.prefix());
        InvalidateCacheCommand prefixOnly = new InvalidateRequest(null, null, "p:").commandFor(USERS);
        assertEquals(0, prefixOnly.keys().size() + prefixOnly.tags().size());
        assertThrows(InvalidInputException.class, () -> new InvalidateRequest(null, null, null).commandFor(USERS), "nothing named");
    }

    @Test
    void aBadTagOrKeyIsNamedByItsIndex() {
        InvalidInputException tag = assertThrows(InvalidInputException.class,
                () -> new InvalidateRequest(null, List.of("ok", "bad tag!"), null).commandFor(USERS));
        assertEquals("tags[1]", tag.field());
        InvalidInputException key = assertThrows(InvalidInputException.class,
                () -> new InvalidateRequest(List.of(""), null, null).commandFor(USERS));
        assertEquals("keys[0]", key.field());
    }

    @Test
    void statsNameEveryTierInOrder() {
        CacheStats stats = new CacheStats(Map.of(CacheTier.L1, 5L, CacheTier.L2, 2L, CacheTier.L3, 1L),
                Map.of(CacheTier.L1, 3L, CacheTier.L2, 1L, CacheTier.L3, 0L), 0.75, 42);
        CacheStatsResponse response = CacheStatsResponse.of(USERS, stats);
        assertEquals("users", response.namespace());
        assertEquals(Arrays.stream(CacheTier.values()).map(Enum::name).toList(), List.copyOf(response.hits().keySet()));
        assertEquals(Arrays.stream(CacheTier.values()).map(Enum::name).toList(), List.copyOf(response.misses().keySet()));
        assertEquals(5L, response.hits().get("L1"));
        assertEquals(1L, response.misses().get("L2"));
        assertEquals(0.75, response.hitRate());
        assertEquals(42, response.l1Size());
    }
}
