package dev.strata.application.shared;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Bounded in-memory map for per-tenant bookkeeping: never holds more than {@code maxSize} entries, so a
 * tenant that invents keys (namespaces, topics) cannot grow an instance's memory without limit.
 *
 * <p>Reads are a plain {@link ConcurrentHashMap} lookup (no lock, no bookkeeping), which matters on the
 * cache's hit path. An insert that takes the map over its bound evicts arbitrary entries until it fits
 * again; what is held here must therefore be re-creatable (a cached copy, a counter that may restart).
 * Only the core may not use Caffeine, hence this small structure.
 */
public final class BoundedMap<K, V> {
    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final int maxSize;

    public BoundedMap(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
        this.maxSize = maxSize;
    }

    public V get(K key) {
        return map.get(key);
    }

    public V computeIfAbsent(K key, Function<? super K, ? extends V> create) {
        V value = map.get(key);
        if (value != null) {
            return value;
        }
        value = map.computeIfAbsent(key, create);
        trim();
        return value;
    }

    public void put(K key, V value) {
        map.put(key, value);
        trim();
    }

    public V putIfAbsent(K key, V value) {
        V previous = map.putIfAbsent(key, value);
        if (previous == null) {
            trim();
        }
        return previous;
    }

    public V remove(K key) {
        return map.remove(key);
    }

    public boolean remove(K key, V value) {
        return map.remove(key, value);
    }

    public boolean containsKey(K key) {
        return map.containsKey(key);
    }

    public void clear() {
        map.clear();
    }

    public int size() {
        return map.size();
    }

    public int maxSize() {
        return maxSize;
    }

    private void trim() {
        if (map.size() <= maxSize) {
            return;
        }
        Iterator<K> keys = map.keySet().iterator();
        while (map.size() > maxSize && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
