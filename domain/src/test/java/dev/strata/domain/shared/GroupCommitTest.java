package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    @Test
    void aLoneRequestIsWrittenAtOnceByItsOwnThread() {
        List<Thread> writers = new ArrayList<>();
        GroupCommit<String, Integer, Integer> group = new GroupCommit<>(8, 1, (key, items) -> {
            writers.add(Thread.currentThread());
            return items.stream().map(i -> i * 10).toList();
        });
        assertEquals(70, group.submit("a", 7));
        assertEquals(List.of(Thread.currentThread()), writers);
    }

    @Test
    void requestsArrivingWhileABatchIsWrittenAreWrittenTogetherEachWithItsOwnOutcome() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        GroupCommit<String, Integer, Integer> group = new GroupCommit<>(4, 1, (key, items) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            batches.add(List.copyOf(items));
            if (items.contains(0)) {
                firstStarted.countDown();
                await(release);
            }
            inFlight.decrementAndGet();
            return items.stream().map(i -> i + 1000).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<Integer> first = pool.submit(() -> group.submit("q", 0));
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int item = i;
                others.add(pool.submit(() -> group.submit("q", item)));
            }
            // all eight wait behind the one writer: then they are written in two batches of four
            while (group.waiting("q") < 8) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertEquals(1000, first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 8; i++) {
                assertEquals(1000 + i, others.get(i - 1).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, mostInFlight.get(), "one write of a key at a time");
        assertEquals(3, batches.size(), "batches " + batches);
        assertEquals(List.of(0), batches.get(0));
        assertEquals(4, batches.get(1).size());
        assertEquals(4, batches.get(2).size());
    }

    @Test
    void aFailedWriteFailsEveryRequestOfItsBatchAndNoOther() {
        RuntimeException boom = new IllegalStateException("boom");
        GroupCommit<String, Integer, Integer> group = new GroupCommit<>(8, 1, (key, items) -> {
            if (items.contains(13)) {
                throw boom;
            }
            return items;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> group.submit("q", 13)));
        assertEquals(14, group.submit("q", 14));
        assertEquals(0, group.waiting("q"));
    }

    @Test
    void aWriterAnsweringTheWrongNumberOfOutcomesFailsTheBatch() {
        GroupCommit<String, Integer, Integer> group = new GroupCommit<>(8, 1, (key, items) -> List.of());
        assertThrows(IllegalStateException.class, () -> group.submit("q", 1));
    }

    @Test
    void keysAreWrittenApart() throws Exception {
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String, String> group = new GroupCommit<>(8, 1, (key, items) -> {
            if (key.equals("a")) {
                aStarted.countDown();
                await(release);
            }
            return items.stream().map(i -> key + ":" + i).toList();
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> a = pool.submit(() -> group.submit("a", "1"));
            assertTrue(aStarted.await(10, TimeUnit.SECONDS));
            // "a" is still being written: "b" does not wait for it
            assertEquals("b:2", group.submit("b", "2"));
            release.countDown();
            assertEquals("a:1", a.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
