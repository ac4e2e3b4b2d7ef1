package dev.strata.application.sessions;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Application component: the long-lived responses (live feeds) waiting to hear that their credential was
 * revoked, by credential; {@link AccessView} tells them when it hears a revocation.
 *
 * @param <K> how the view names a credential
 */
final class CredentialWatchers<K> {
    private static final System.Logger LOG = System.getLogger(AccessView.class.getName());

    private final Map<K, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** Calls {@code onRevoked} at the next {@link #tell} of {@code key}, until the returned handle is closed. */
    AutoCloseable watch(K key, Runnable onRevoked) {
        watchers.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(onRevoked);
        return () -> watchers.computeIfPresent(key, (k, set) -> {
            set.remove(onRevoked);
            return set.isEmpty() ? null : set;
        });
    }

    /** Tells every watcher of {@code key}; one that fails does not keep the others from hearing it. */
    void tell(K key) {
        Set<Runnable> watching = watchers.get(key);
        if (watching == null) {
            return;
        }
        for (Runnable watcher : watching) {
            try {
                watcher.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a credential watcher failed: " + e.getClass().getSimpleName());
            }
        }
    }

    /** Watches held. */
    int count() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }
}
