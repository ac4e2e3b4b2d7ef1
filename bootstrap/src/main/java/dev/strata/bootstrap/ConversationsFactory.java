package dev.strata.bootstrap;

import dev.strata.adapters.redis.cache.CaffeineLocalCacheTier;
import dev.strata.adapters.redis.cache.MicrometerCacheMetrics;
import dev.strata.adapters.redis.cache.RedisCacheLeases;
import dev.strata.adapters.redis.cache.RedisCacheStore;
import dev.strata.adapters.redis.cache.RedisInvalidationBus;
import dev.strata.adapters.postgres.cache.PostgresCacheStore;
import dev.strata.adapters.redis.cache.CacheTierSettings;
import dev.strata.application.cache.CacheService;
import dev.strata.application.cache.CacheTuning;
import dev.strata.application.conversations.ConversationNamespaceSettings;
import dev.strata.application.conversations.ConversationPolicy;
import dev.strata.application.conversations.ConversationService;
import dev.strata.application.conversations.port.WarmConversationsUseCase;
import dev.strata.application.events.RelayWorker;
import dev.strata.domain.conversations.port.ConversationStore;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.identity.port.LoginListener;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UnitOfWork;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wiring of the conversations use cases: one {@link ConversationService} implements them all. Its views are
 * cached by an engine instance of its own (the cache engine's classes over the same Redis, leases and
 * invalidation channel as the main one), whose namespaces are fixed to no L1 and no Postgres tier; it is not a
 * bean, so the cache use cases keep resolving to the main engine. Background warming runs on a small bounded
 * pool that drops work when full.
 */
@Factory
class ConversationsFactory {
    /** The conversations' own cache engine, closed with the context. */
    static final class ConversationCacheEngine implements AutoCloseable {
        final CacheService engine;

        ConversationCacheEngine(CacheService engine) {
            this.engine = engine;
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    @Singleton
    ConversationPolicy conversationPolicy(ConversationsSettings settings, ConversationCacheSettings cache,
                                          QuotaSettings quotas) {
        return new ConversationPolicy(cache.recentTtl(), cache.detailsTtl(), cache.firstPageTtl(),
                settings.maxContentChars(), quotas.conversationsQuota(), cache.enabled());
    }

    @Singleton
    @Bean(preDestroy = "close")
    ConversationCacheEngine conversationCacheEngine(RedisCacheStore l2, PostgresCacheStore l3, RedisCacheLeases leases,
                                                    RedisInvalidationBus bus, MicrometerCacheMetrics metrics, Clock clock,
                                                    CacheTierSettings tier, ConversationPolicy policy) {
        CacheTuning tuning = new CacheTuning(tier.leaseTtl(), Duration.ofSeconds(30), Duration.ofMillis(250));
        // L1 is off in every namespace of this engine: the smallest in-process tier stands in for it
        CacheService engine = new CacheService(new CaffeineLocalCacheTier(1, 1, clock), l2, l3, leases, leases, bus,
                new ConversationNamespaceSettings(policy), metrics, clock, tuning).start();
        return new ConversationCacheEngine(engine);
    }

    @Singleton
    @Named("conversations-warming")
    @Bean(preDestroy = "shutdownNow")
    ExecutorService conversationWarming() {
        return new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), runnable -> {
            Thread thread = new Thread(runnable, "strata-conversations-warming");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    @Singleton
    ConversationService conversationService(ConversationStore store, EventLog events, UnitOfWork unitOfWork,
                                            ConversationCacheEngine cache, ConversationPolicy policy,
                                            @Named("conversations-warming") ExecutorService warming, Clock clock,
                                            RelayWorker relay) {
        return new ConversationService(store, events, unitOfWork, cache.engine, cache.engine, cache.engine, policy,
                warming, clock, relay::wake);
    }

    @Singleton
    LoginListener warmConversationsAtLogin(WarmConversationsUseCase warm) {
        return (tenant, user) -> warm.warm(user);
    }
}
