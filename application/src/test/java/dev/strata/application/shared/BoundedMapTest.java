package dev.strata.application.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedMapTest {
    @Test
    void aFloodOfDistinctKeysNeverTakesItOverItsBound() {
        BoundedMap<String, Object> map = new BoundedMap<>(100);
        for (int i = 0; i < 100_000; i++) {
            assertNotNull(map.computeIfAbsent("ns-" + i, k -> new Object()));
            map.put("p-" + i, new Object());
            map.putIfAbsent("q-" + i, new Object());
            assertTrue(map.size() <= 100, "size " + map.size() + " after " + i);
        }
        assertEquals(100, map.size());
    }

    @Test
    void withinItsBoundItIsAPlainMap() {
        BoundedMap<String, Object> map = new BoundedMap<>(10);
        Object first = map.computeIfAbsent("a", k -> new Object());
        assertSame(first, map.computeIfAbsent("a", k -> new Object()));
        assertSame(first, map.get("a"));
        map.remove("a");
        assertEquals(0, map.size());
    }
}
