package dev.strata.archcanary.adapters.postgres.cache;

/** Canary fixture: a Postgres adapter class... */
public class PostgresCacheStore {
    public String get(String key) {
        return key;
    }
}
