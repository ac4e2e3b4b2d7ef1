package dev.strata.domain.ratelimits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.ratelimits.port.RateLimiter;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link RateLimiter}: both algorithms, exact counts under concurrency, keys and tenants apart. */
public abstract class RateLimiterContract extends ContractSupport {
    protected RateLimiter limiter;
    protected TenantId tenant;

    protected abstract RateLimiter createSubject();

    @BeforeEach
    void createRateLimiter() {
        limiter = createSubject();
        tenant = newTenant();
    }

    private RateDecision consume(RateLimitPolicy policy, String key, int cost) {
        return as(tenant, () -> limiter.consume(policy, key, cost));
    }

    @Test
    void slidingWindowAllowsTheLimitThenRefusesWithARetryTime() {
        RateLimitPolicy policy = new RateLimitPolicy("p" + unique(), 3, 60, RateLimitAlgorithm.SLIDING_WINDOW);
        String key = "k-" + unique();
        for (int i = 0; i < 3; i++) {
            RateDecision decision = consume(policy, key, 1);
            assertTrue(decision.allowed());
            assertEquals(2 - i, decision.remaining());
            assertEquals(3, decision.limit());
        }
        RateDecision refused = consume(policy, key, 1);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertTrue(refused.retryAfterMillis() > 0 && refused.retryAfterMillis() <= 60_000, "retry " + refused.retryAfterMillis());
        assertTrue(consume(policy, "other-" + key, 1).allowed(), "keys are counted apart");
        assertTrue(as(newTenant(), () -> limiter.consume(policy, key, 1)).allowed(), "tenants are counted apart");
    }

    @Test
    void slidingWindowForgetsUnitsOlderThanTheWindow() {
        RateLimitPolicy policy = new RateLimitPolicy("p" + unique(), 2, 1, RateLimitAlgorithm.SLIDING_WINDOW);
        String key = "k-" + unique();
        assertTrue(consume(policy, key, 2).allowed());
        assertFalse(consume(policy, key, 1).allowed());
        elapse(Duration.ofMillis(1200));
        assertTrue(consume(policy, key, 1).allowed());
    }

    @Test
    void aCostAboveWhatRemainsIsRefusedAndSpendsNothing() {
        RateLimitPolicy policy = new RateLimitPolicy("p" + unique(), 5, 60, RateLimitAlgorithm.SLIDING_WINDOW);
        String key = "k-" + unique();
        assertTrue(consume(policy, key, 4).allowed());
        assertFalse(consume(policy, key, 2).allowed());
        assertTrue(consume(policy, key, 1).allowed());
        assertFalse(consume(policy, "x" + key, 6).allowed(), "more than the limit never passes");
    }

    private RateDecision consumeWithoutBlocking(TenantId who, RateLimitPolicy policy, String key, int cost) throws Exception {
        java.util.Optional<java.util.concurrent.CompletionStage<RateDecision>> sent =
                as(who, () -> limiter.consumeWithoutBlocking(policy, key, cost));
        assertTrue(sent.isPresent(), "a connected limiter decides without blocking");
        return sent.get().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void decisionsWithoutBlockingAreCountedWithTheOthers() throws Exception {
        for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
            RateLimitPolicy policy = new RateLimitPolicy("p" + unique(), 4, 60, algorithm);
            String key = "k-" + unique();
            assertTrue(consume(policy, key, 1).allowed(), algorithm + ": a first decision (connects a lazy limiter)");
            RateDecision second = consumeWithoutBlocking(tenant, policy, key, 2);
            assertTrue(second.allowed(), algorithm.toString());
            assertEquals(1, second.remaining(), algorithm.toString());
            assertEquals(4, second.limit(), algorithm.toString());
            assertEquals(0, consume(policy, key, 1).remaining(), algorithm + ": the blocking path sees the units spent");
            RateDecision refused = consumeWithoutBlocking(tenant, policy, key, 1);
            assertFalse(refused.allowed(), algorithm.toString());
            assertTrue(refused.retryAfterMillis() > 0, algorithm.toString());
            assertTrue(consumeWithoutBlocking(newTenant(), policy, key, 1).allowed(), algorithm + ": tenants are counted apart");
            assertTrue(consumeWithoutBlocking(tenant, policy, "other-" + key, 4).allowed(), algorithm + ": keys are counted apart");
        }
    }

    @Test
    void tokenBucketStartsFullAndRefillsAtLimitPerWindow() {
        RateLimitPolicy policy = new RateLimitPolicy("p" + unique(), 4, 2, RateLimitAlgorithm.TOKEN_BUCKET);
        String key = "k-" + unique();
        assertTrue(consume(policy, key, 4).allowed());
        RateDecision empty = consume(policy, key, 1);
        assertFalse(empty.allowed());
        assertTrue(empty.retryAfterMillis() > 0 && empty.retryAfterMillis() <= 1000, "one token takes 0.5 s: " + empty.retryAfterMillis());
        elapse(Duration.ofMillis(1100));
        assertTrue(consume(policy, key, 2).allowed(), "two tokens came back");
    }

    @Test
    void concurrentConsumersGetExactlyTheLimit() throws Exception {
        for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
            RateLimitPolicy policy = new RateLimitPolicy("p" + unique(), 25, 3600, algorithm);
            String key = "k-" + unique();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    calls.add(() -> consume(policy, key, 1).allowed());
                }
                int allowed = 0;
                for (Future<Boolean> result : pool.invokeAll(calls)) {
                    allowed += result.get() ? 1 : 0;
                }
                assertEquals(25, allowed, algorithm.wire());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
