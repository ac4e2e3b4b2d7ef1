package dev.strata.application.ratelimits;

import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import dev.strata.domain.ratelimits.port.RateLimiter;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Per-instance {@link RateLimiter}, the fallback while Redis is down: the same two algorithms in this
 * process's memory. Each instance then counts on its own, so N instances together admit up to N times
 * a policy's limit until Redis is back (documented). At most {@code maxKeys} keys are tracked; the
 * least recently used are forgotten first.
 */
public final class LocalRateLimiter implements RateLimiter {
    private final Clock clock;
    private final Map<String, Object> states;

    private static final class Window {
        final Deque<Long> grants = new ArrayDeque<>();
    }

    private static final class Bucket {
        double tokens;
        long at;
    }

    /** Memory only: decided at once. */
    @Override
    public Optional<CompletionStage<RateDecision>> consumeWithoutBlocking(RateLimitPolicy policy, String key, int cost) {
        return Optional.of(CompletableFuture.completedFuture(consume(policy, key, cost)));
    }

    public LocalRateLimiter(Clock clock, int maxKeys) {
        this.clock = clock;
        this.states = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > maxKeys;
            }
        };
    }

    @Override
    public synchronized RateDecision consume(RateLimitPolicy policy, String key, int cost) {
        long now = clock.now().toEpochMilli();
        long window = policy.windowSeconds() * 1000L;
        String id = TenantContext.require() + "\n" + policy.name() + "\n" + policy.algorithm() + "\n" + key;
        if (policy.algorithm() == RateLimitAlgorithm.SLIDING_WINDOW) {
            Window state = (Window) states.computeIfAbsent(id, k -> new Window());
            for (Iterator<Long> it = state.grants.iterator(); it.hasNext(); ) {
                if (it.next() <= now - window) {
                    it.remove();
                } else {
                    break;
                }
            }
            boolean allowed = state.grants.size() + cost <= policy.limit();
            if (allowed) {
                for (int i = 0; i < cost; i++) {
                    state.grants.addLast(now);
                }
            }
            long reset = state.grants.isEmpty() ? now + window : state.grants.peekFirst() + window;
            long retry = 0;
            if (!allowed) {
                int needed = state.grants.size() + cost - policy.limit();
                retry = cost > policy.limit() ? window
                        : state.grants.stream().skip(needed - 1L).findFirst().map(t -> t + window - now).orElse(window);
            }
            return new RateDecision(allowed, policy.limit(), policy.limit() - state.grants.size(), Instant.ofEpochMilli(reset), retry);
        }
        double rate = (double) policy.limit() / window;
        Bucket bucket = (Bucket) states.computeIfAbsent(id, k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = policy.limit();
            fresh.at = now;
            return fresh;
        });
        if (now > bucket.at) {
            bucket.tokens = Math.min(policy.limit(), bucket.tokens + (now - bucket.at) * rate);
            bucket.at = now;
        }
        boolean allowed = bucket.tokens >= cost;
        if (allowed) {
            bucket.tokens -= cost;
        }
        long reset = now + (long) Math.ceil((policy.limit() - bucket.tokens) / rate);
        long retry = allowed ? 0 : cost > policy.limit() ? window : (long) Math.ceil((cost - bucket.tokens) / rate);
        return new RateDecision(allowed, policy.limit(), (int) Math.floor(bucket.tokens), Instant.ofEpochMilli(reset), retry);
    }
}
