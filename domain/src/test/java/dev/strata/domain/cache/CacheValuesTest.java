package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheValuesTest {
    private static final ResourceName NS = new ResourceName("ns");

    @Test
    void aValueIsCopiedInAndOut() {
        byte[] bytes = "{\"a\":1}".getBytes();
        CacheValue value = new CacheValue(bytes);
        bytes[0] = 'X';
        assertEquals("{\"a\":1}", value.asUtf8());
        value.json()[0] = 'Y';
        assertEquals("{\"a\":1}", value.asUtf8());
        assertEquals(CacheValue.ofUtf8("{\"a\":1}"), value);
        assertEquals(CacheValue.ofUtf8("{\"a\":1}").hashCode(), value.hashCode());
        assertFalse(value.toString().contains("\"a\""), "toString shows no content");
        ByteBuffer view = value.view();
        assertTrue(view.isReadOnly());
        assertEquals(value.size(), view.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 'Z'));
        byte[] viewed = new byte[view.remaining()];
        view.get(viewed);
        assertEquals("{\"a\":1}", new String(viewed, StandardCharsets.UTF_8));
    }

    @Test
    void aValueIsNeverEmpty() {
        assertEquals("value", assertThrows(InvalidInputException.class, () -> new CacheValue(new byte[0])).field());
        assertThrows(InvalidInputException.class, () -> new CacheValue(null));
    }

    @Test
    void theContentEtagIsStableAndDiffersForOtherBytes() {
        ETag one = ETag.of(CacheValue.ofUtf8("{\"a\":1}"));
        assertEquals(one, ETag.of(CacheValue.ofUtf8("{\"a\":1}")));
        assertNotEquals(one, ETag.of(CacheValue.ofUtf8("{\"a\": 1}")));
        assertEquals('"' + one.value() + '"', one.quoted());
    }

    @Test
    void etagHeadersParseQuotedOrBareAndNothingElse() {
        assertEquals(Optional.of(new ETag("abc_-1")), ETag.parseHeader("\"abc_-1\""));
        assertEquals(Optional.of(new ETag("abc")), ETag.parseHeader(" abc "));
        assertTrue(ETag.parseHeader("W/\"abc\"").isEmpty());
        assertTrue(ETag.parseHeader("\"a b\"").isEmpty());
        assertTrue(ETag.parseHeader(null).isEmpty());
        assertThrows(InvalidInputException.class, () -> new ETag("with\"quote"));
        assertThrows(InvalidInputException.class, () -> new ETag(""));
    }

    @Test
    void tagsFollowTheirPattern() {
        new Tag("user:42");
        new Tag("Catalog.v2_eu-1");
        for (String bad : new String[] {"", ":a", "a b", "a,b", "ä", "a".repeat(129)}) {
            assertThrows(InvalidInputException.class, () -> new Tag(bad), bad);
        }
        assertEquals("tags[1]", assertThrows(InvalidInputException.class, () -> Tag.of("tags[1]", "a b")).field());
    }

    @Test
    void anEntryIsLiveUntilItsExpiry() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        CacheEntry entry = CacheEntry.of(new CacheKey(NS, "k"), CacheValue.ofUtf8("1"), expiry, Set.of());
        assertTrue(entry.isLiveAt(expiry.minusMillis(1)));
        assertFalse(entry.isLiveAt(expiry));
        assertEquals(Duration.ofSeconds(30), entry.remainingAt(expiry.minusSeconds(30)));
        assertEquals(Duration.ZERO, entry.remainingAt(expiry.plusSeconds(30)));
        assertEquals(ETag.of(CacheValue.ofUtf8("1")), entry.etag());
    }

    @Test
    void anEntryCarriesAtMost32TagsAndCopiesThem() {
        Set<Tag> tags = new HashSet<>();
        for (int i = 0; i < 33; i++) {
            tags.add(new Tag("t" + i));
        }
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        CacheKey key = new CacheKey(NS, "k");
        assertEquals("tags", assertThrows(InvalidInputException.class,
                () -> CacheEntry.of(key, CacheValue.ofUtf8("1"), expiry, tags)).field());
        tags.remove(new Tag("t0"));
        CacheEntry entry = CacheEntry.of(key, CacheValue.ofUtf8("1"), expiry, tags);
        tags.clear();
        assertEquals(32, entry.tags().size());
    }

    @Test
    void invalidationsCoverWhatTheyName() {
        CacheKey userCart = new CacheKey(NS, "user:1:cart");
        CacheKey elsewhere = new CacheKey(new ResourceName("other"), "user:1:cart");
        Set<Tag> tags = Set.of(new Tag("carts"));

        assertTrue(Invalidation.keys(NS, Set.of("user:1:cart")).covers(userCart, Set.of()));
        assertFalse(Invalidation.keys(NS, Set.of("user:1")).covers(userCart, Set.of()));
        assertTrue(Invalidation.prefix(NS, "user:1:").covers(userCart, Set.of()));
        assertFalse(Invalidation.prefix(NS, "user:2:").covers(userCart, Set.of()));
        assertTrue(Invalidation.tagged(NS, Set.of(new Tag("carts"), new Tag("x"))).covers(userCart, tags));
        assertFalse(Invalidation.tagged(NS, Set.of(new Tag("x"))).covers(userCart, tags));
        assertTrue(Invalidation.namespace(NS).covers(userCart, Set.of()));
        assertFalse(Invalidation.namespace(NS).covers(elsewhere, Set.of()));
        assertFalse(Invalidation.keys(NS, Set.of("user:1:cart")).covers(elsewhere, Set.of()));
    }

    @Test
    void invalidationsRefuseEmptyOrInvalidTargets() {
        assertEquals("keys", assertThrows(InvalidInputException.class, () -> Invalidation.keys(NS, Set.of())).field());
        assertThrows(InvalidInputException.class, () -> Invalidation.keys(NS, Set.of("k".repeat(513))));
        assertEquals("prefix", assertThrows(InvalidInputException.class, () -> Invalidation.prefix(NS, "")).field());
        assertEquals("tags", assertThrows(InvalidInputException.class, () -> Invalidation.tagged(NS, Set.of())).field());
        assertEquals("namespace", assertThrows(InvalidInputException.class, () -> Invalidation.namespace(null)).field());
    }
}
