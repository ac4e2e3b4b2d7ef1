package dev.strata.domain.operations;

/**
 * Value object: a summary of Redis's INFO and the latency of one PING; every figure is null when unknown
 * (Redis unreachable, or the server does not report it).
 */
public record RedisFigures(boolean up, Double pingMs, Long usedMemoryBytes, Long maxMemoryBytes, String maxmemoryPolicy,
                           Long keyspaceHits, Long keyspaceMisses, Long evictedKeys, Long connectedClients,
                           Long opsPerSecond) {

    /** Redis did not answer: nothing is known. */
    public static RedisFigures unreachable() {
        return new RedisFigures(false, null, null, null, null, null, null, null, null, null);
    }

    /** used / max memory, 0..1; null when Redis has no memory limit (maxmemory 0) or it is unknown. */
    public Double memoryRatio() {
        if (usedMemoryBytes == null || maxMemoryBytes == null || maxMemoryBytes <= 0) {
            return null;
        }
        return Math.min(1.0, (double) usedMemoryBytes / maxMemoryBytes);
    }

    /** keyspace hits / (hits + misses), 0..1; null before any lookup. */
    public Double hitRate() {
        return Ratios.of(keyspaceHits, keyspaceMisses);
    }

    /**
     * True when the eviction policy may drop keys that are not caches — streams, consumer groups, leases,
     * counters: anything but {@code noeviction} and the {@code volatile-*} policies (which only evict keys with
     * a TTL). Unknown is not unsafe.
     */
    public boolean evictionPolicyUnsafe() {
        return maxmemoryPolicy != null && !maxmemoryPolicy.equals("noeviction") && !maxmemoryPolicy.startsWith("volatile-");
    }
}
