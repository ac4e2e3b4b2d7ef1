package dev.strata.domain.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.HotVectors;
import dev.strata.domain.vectors.port.HotVectors.Read;
import dev.strata.domain.vectors.port.SearchResultCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link HotVectors}, with the {@link SearchResultCache} whose stamps guard the copies: the in-memory
 * fakes and the Redis adapters extend it. A copy is answered only under the stamp it was kept under.
 */
public abstract class HotVectorsContract extends ContractSupport {
    protected static final ResourceName DOCS = new ResourceName("docs");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private TenantId tenant;

    /** Hook: hot vectors with these settings and the stamps they read; called once per test. */
    protected abstract Subject createSubject(int maxCopies, Duration window, int threshold);

    /** What is under test. */
    public record Subject(HotVectors hot, SearchResultCache stamps) {
    }

    @BeforeEach
    void newTenantForEachTest() {
        tenant = newTenant();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anItemReadMoreThanTheThresholdInAWindowIsHot() {
        Subject s = createSubject(10, MINUTE, 3);
        runAs(tenant, () -> {
            for (int i = 1; i <= 3; i++) {
                Read.NotKept read = assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "a"));
                assertFalse(read.hot(), "read " + i);
                assertEquals(Optional.empty(), read.stamp(), "no version known yet");
            }
            CollectionStamp stamp = s.stamps().seedVersion(DOCS, 2);
            Read.NotKept fourth = assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "a"));
            assertTrue(fourth.hot());
            assertEquals(Optional.of(stamp), fourth.stamp());
            assertFalse(assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "b")).hot(), "counts are per item");
        });
    }

    @Test
    void countsStartAgainInTheNextWindow() {
        Subject s = createSubject(10, Duration.ofMillis(500), 1);
        runAs(tenant, () -> {
            s.hot().read(DOCS, "a");
            s.hot().read(DOCS, "a");
            boolean cold = false;
            for (int i = 0; i < 50 && !cold; i++) {
                elapse(Duration.ofMillis(600));
                cold = !assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "a")).hot();
            }
            assertTrue(cold, "a new window counts from zero");
        });
    }

    @Test
    void aKeptCopyIsAnsweredWhileItsStampIsCurrent() {
        Subject s = createSubject(10, MINUTE, 0);
        runAs(tenant, () -> {
            CollectionStamp stamp = s.stamps().seedVersion(DOCS, 1);
            assertTrue(s.hot().keep(DOCS, stamp, "a", bytes("vector a")));
            assertArrayEquals(bytes("vector a"), assertInstanceOf(Read.Kept.class, s.hot().read(DOCS, "a")).item());
            assertArrayEquals(bytes("vector a"), assertInstanceOf(Read.Kept.class, s.hot().read(DOCS, "a")).item());
            assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "b"));
        });
    }

    @Test
    void anyWriteMakesEveryCopyUnreachable() {
        Subject s = createSubject(10, MINUTE, 0);
        runAs(tenant, () -> {
            CollectionStamp stamp = s.stamps().seedVersion(DOCS, 1);
            assertTrue(s.hot().keep(DOCS, stamp, "a", bytes("old a")));
            CollectionStamp next = s.stamps().publishVersion(DOCS, 2);
            Read.NotKept read = assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "a"), "never the copy of an older version");
            assertEquals(Optional.of(next), read.stamp());
            assertFalse(s.hot().keep(DOCS, stamp, "a", bytes("read before the write")), "a keep that raced a write");
            assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "a"));
            assertTrue(s.hot().keep(DOCS, next, "a", bytes("new a")));
            assertArrayEquals(bytes("new a"), assertInstanceOf(Read.Kept.class, s.hot().read(DOCS, "a")).item());
        });
    }

    @Test
    void nothingIsKeptWithoutACurrentStamp() {
        Subject s = createSubject(10, MINUTE, 0);
        runAs(tenant, () -> {
            assertFalse(s.hot().keep(DOCS, new CollectionStamp(1, 42), "a", bytes("a")));
            assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "a"));
        });
    }

    @Test
    void atMostTheMaximumOfCopiesTheLeastRecentlyReadEvicted() {
        Subject s = createSubject(2, MINUTE, 0);
        runAs(tenant, () -> {
            CollectionStamp stamp = s.stamps().seedVersion(DOCS, 1);
            assertTrue(s.hot().keep(DOCS, stamp, "a", bytes("a")));
            elapse(Duration.ofMillis(5));
            assertTrue(s.hot().keep(DOCS, stamp, "b", bytes("b")));
            elapse(Duration.ofMillis(5));
            assertInstanceOf(Read.Kept.class, s.hot().read(DOCS, "a"));
            elapse(Duration.ofMillis(5));
            assertTrue(s.hot().keep(DOCS, stamp, "c", bytes("c")));
            assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "b"), "least recently read");
            assertInstanceOf(Read.Kept.class, s.hot().read(DOCS, "a"));
            assertInstanceOf(Read.Kept.class, s.hot().read(DOCS, "c"));
        });
    }

    @Test
    void tenantsAreSeparateBothWays() {
        Subject s = createSubject(10, MINUTE, 2);
        TenantId other = newTenant();
        CollectionStamp mine = as(tenant, () -> s.stamps().seedVersion(DOCS, 1));
        runAs(tenant, () -> assertTrue(s.hot().keep(DOCS, mine, "a", bytes("mine"))));
        assertFalse(as(other, () -> s.hot().keep(DOCS, mine, "a", bytes("theirs under my stamp"))));
        Read.NotKept theirs = assertInstanceOf(Read.NotKept.class, as(other, () -> s.hot().read(DOCS, "a")));
        assertEquals(Optional.empty(), theirs.stamp());
        for (int i = 0; i < 5; i++) {
            runAs(tenant, () -> s.hot().read(DOCS, "x"));
        }
        assertFalse(assertInstanceOf(Read.NotKept.class, as(other, () -> s.hot().read(DOCS, "x"))).hot(), "my reads are mine");
        CollectionStamp theirStamp = as(other, () -> s.stamps().seedVersion(DOCS, 1));
        runAs(other, () -> assertTrue(s.hot().keep(DOCS, theirStamp, "a", bytes("theirs"))));
        assertArrayEquals(bytes("mine"), assertInstanceOf(Read.Kept.class, as(tenant, () -> s.hot().read(DOCS, "a"))).item());
        assertArrayEquals(bytes("theirs"), assertInstanceOf(Read.Kept.class, as(other, () -> s.hot().read(DOCS, "a"))).item());
        runAs(other, () -> s.hot().forget(DOCS));
        assertInstanceOf(Read.Kept.class, as(tenant, () -> s.hot().read(DOCS, "a")), "their forget leaves mine");
    }

    @Test
    void forgetDropsCopiesAndCounts() {
        Subject s = createSubject(10, MINUTE, 1);
        runAs(tenant, () -> {
            CollectionStamp stamp = s.stamps().seedVersion(DOCS, 1);
            s.hot().read(DOCS, "a");
            s.hot().read(DOCS, "a");
            assertTrue(s.hot().keep(DOCS, stamp, "a", bytes("a")));
            s.hot().forget(DOCS);
            assertFalse(assertInstanceOf(Read.NotKept.class, s.hot().read(DOCS, "a")).hot(), "counting starts again");
        });
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        Subject s = createSubject(10, MINUTE, 1);
        assertThrows(IllegalStateException.class, () -> s.hot().read(DOCS, "a"));
    }
}
