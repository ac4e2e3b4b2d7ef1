package dev.strata.adapters.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.DomainException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.PreconditionFailedException;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A PUT of an entry read into its command and its outcome into a response; and the GET's query parameters. */
class CachePutRequestTest {
    private static final CacheKey KEY = new CacheKey(ResourceName.of("namespace", "users"), "k");
    private static final byte[] BODY = "[1]".getBytes(StandardCharsets.UTF_8);
    private static final Supplier<CacheLookup> NOTHING = () -> new CacheLookup.Miss(Optional.empty());

    @Test
    void theQueryAndHeadersBecomeTheCommand() {
        LeaseToken lease = LeaseToken.random();
        PutCacheEntryCommand command = CachePutRequest.command(KEY, BODY, "120", " a, b ,a", "\"abc\"", lease.value(), NOTHING);
        assertEquals(KEY, command.key());
        assertEquals(new CacheValue(BODY), command.value());
        assertEquals(Optional.of(Duration.ofSeconds(120)), command.ttl());
        assertEquals(Set.of(Tag.of("t", "a"), Tag.of("t", "b")), command.tags());
        assertEquals(ETag.parseHeader("\"abc\""), command.ifMatch());
        assertEquals(Optional.of(lease), command.lease());

        PutCacheEntryCommand plain = CachePutRequest.command(KEY, BODY, null, null, null, null, NOTHING);
        assertEquals(Optional.empty(), plain.ttl());
        assertEquals(Set.of(), plain.tags());
        assertEquals(Optional.empty(), plain.ifMatch());
        assertEquals(Optional.empty(), plain.lease());
    }

    @Test
    void ifMatchAnyTakesTheCurrentEtagAndNeedsAnEntry() {
        CacheEntry current = CacheEntry.of(KEY, CacheValue.ofUtf8("{}"), Instant.now().plusSeconds(60), Set.of());
        PutCacheEntryCommand command = CachePutRequest.command(KEY, BODY, null, null, " * ", null,
                () -> new CacheLookup.Hit(current, CacheTier.L1));
        assertEquals(Optional.of(current.etag()), command.ifMatch());
        PreconditionFailedException none = assertThrows(PreconditionFailedException.class,
                () -> CachePutRequest.command(KEY, BODY, null, null, "*", null, NOTHING));
        assertEquals("If-Match: * needs a current entry.", none.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "{oops | -    | -   | -       | -       | cache.invalid_value",
        "1 2   | -    | -   | -       | -       | cache.invalid_value",
        "1     | 0    | -   | -       | -       | shared.invalid_input",
        "1     | abc  | -   | -       | -       | shared.invalid_input",
        "1     | -    | a,, | -       | -       | shared.invalid_input",
        "1     | -    | -   | \"a b\" | -       | cache.etag_mismatch",
        "1     | -    | -   | -       | garbage | cache.lease_refused",
    })
    void badPartsAreRefusedWithTheirProblem(String body, String ttl, String tags, String ifMatch, String lease, String code) {
        DomainException error = assertThrows(DomainException.class, () -> CachePutRequest.command(KEY,
                body.getBytes(StandardCharsets.UTF_8), ttl, tags, ifMatch, lease, NOTHING));
        assertEquals(code, error.code());
    }

    @Test
    void theBodyIsCheckedFirstAndTooManyTagsAreRefused() {
        assertThrows(InvalidInputException.class, () -> CachePutRequest.command(KEY, new byte[0], "0", null, null, null, NOTHING));
        assertThrows(InvalidInputException.class, () -> CachePutRequest.command(KEY, null, null, null, null, null, NOTHING));
        String tooMany = String.join(",", java.util.stream.IntStream.rangeClosed(0, CacheEntry.MAX_TAGS).mapToObj(i -> "t" + i).toList());
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CachePutRequest.command(KEY, BODY, null, tooMany, null, null, NOTHING));
        assertEquals("tags", error.field());
        String most = String.join(",", java.util.stream.IntStream.range(0, CacheEntry.MAX_TAGS).mapToObj(i -> "t" + i).toList());
        assertEquals(CacheEntry.MAX_TAGS, CachePutRequest.command(KEY, BODY, null, most, null, null, NOTHING).tags().size());
    }

    @Test
    void theOutcomeIsA204WithTheEtagOrAProblem() {
        CacheEntry stored = CacheEntry.of(KEY, new CacheValue(BODY), Instant.now().plusSeconds(60), Set.of());
        MutableHttpResponse<?> response = CachePutRequest.answer(new PutOutcome.Stored(stored));
        assertEquals(HttpStatus.NO_CONTENT, response.getStatus());
        assertEquals(stored.etag().quoted(), response.getHeaders().get("ETag"));
        assertThrows(PreconditionFailedException.class, () -> CachePutRequest.answer(new PutOutcome.EtagMismatch()));
        assertThrows(ConflictException.class, () -> CachePutRequest.answer(new PutOutcome.LeaseRefused()));
    }

    @Test
    void theGetParametersAreReadStrictly() {
        GetCacheEntryQuery query = CacheGetRequest.query(KEY, "true", "250");
        assertEquals(KEY, query.key());
        assertTrue(query.lease());
        assertEquals(Duration.ofMillis(250), query.waitFor());
        assertEquals(new GetCacheEntryQuery(KEY, false, Duration.ZERO), CacheGetRequest.query(KEY, null, ""));
        assertEquals(Duration.ofMillis(GetCacheEntryQuery.MAX_WAIT.toMillis()),
                CacheGetRequest.query(KEY, "false", String.valueOf(GetCacheEntryQuery.MAX_WAIT.toMillis())).waitFor());
        for (String[] bad : new String[][] {{"maybe", null, "lease"}, {"TRUE", null, "lease"}, {null, "-1", "waitMs"},
                {null, "x", "waitMs"}, {null, String.valueOf(GetCacheEntryQuery.MAX_WAIT.toMillis() + 1), "waitMs"}}) {
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> CacheGetRequest.query(KEY, bad[0], bad[1]));
            assertEquals(bad[2], error.field());
        }
    }
}
