package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Set;

/**
 * Value object: what every instance must drop from its in-memory tier — some keys, a key prefix, the
 * entries carrying some tags, or a whole namespace. The tenant travels beside it, not inside it.
 */
public sealed interface Invalidation {
    /** The most keys or tags one invalidation may name. */
    int MAX_ITEMS = 1000;

    ResourceName namespace();

    /** True when an entry with this key and these tags must be dropped. */
    boolean covers(CacheKey key, Set<Tag> entryTags);

    static Invalidation keys(ResourceName namespace, Set<String> keys) {
        return new Keys(namespace, keys);
    }

    static Invalidation prefix(ResourceName namespace, String prefix) {
        return new Prefix(namespace, prefix);
    }

    static Invalidation tagged(ResourceName namespace, Set<Tag> tags) {
        return new Tagged(namespace, tags);
    }

    static Invalidation namespace(ResourceName namespace) {
        return new Namespace(namespace);
    }

    /** Drop these keys of the namespace. */
    record Keys(ResourceName namespace, Set<String> keys) implements Invalidation {
        public Keys {
            requireNamespace(namespace);
            if (keys == null || keys.isEmpty() || keys.size() > MAX_ITEMS) {
                throw new InvalidInputException("keys", "keys must name 1-" + MAX_ITEMS + " keys");
            }
            keys.forEach(key -> CacheKey.requireValidKey("keys", key));
            keys = Set.copyOf(keys);
        }

        @Override
        public boolean covers(CacheKey key, Set<Tag> entryTags) {
            return key.namespace().equals(namespace) && keys.contains(key.key());
        }
    }

    /** Drop every key of the namespace that starts with a (non-empty) prefix. */
    record Prefix(ResourceName namespace, String prefix) implements Invalidation {
        public Prefix {
            requireNamespace(namespace);
            CacheKey.requireValidKey("prefix", prefix);
        }

        @Override
        public boolean covers(CacheKey key, Set<Tag> entryTags) {
            return key.namespace().equals(namespace) && key.key().startsWith(prefix);
        }
    }

    /** Drop every entry of the namespace that carries at least one of these tags. */
    record Tagged(ResourceName namespace, Set<Tag> tags) implements Invalidation {
        public Tagged {
            requireNamespace(namespace);
            if (tags == null || tags.isEmpty() || tags.size() > MAX_ITEMS) {
                throw new InvalidInputException("tags", "tags must name 1-" + MAX_ITEMS + " tags");
            }
            tags = Set.copyOf(tags);
        }

        @Override
        public boolean covers(CacheKey key, Set<Tag> entryTags) {
            return key.namespace().equals(namespace) && entryTags.stream().anyMatch(tags::contains);
        }
    }

    /** Drop everything of the namespace. */
    record Namespace(ResourceName namespace) implements Invalidation {
        public Namespace {
            requireNamespace(namespace);
        }

        @Override
        public boolean covers(CacheKey key, Set<Tag> entryTags) {
            return key.namespace().equals(namespace);
        }
    }

    private static void requireNamespace(ResourceName namespace) {
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace must not be null");
        }
    }
}
