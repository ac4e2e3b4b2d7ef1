package dev.strata.adapters.http.operations;

import dev.strata.application.ratelimits.port.ConfigureRateLimitCommand;
import dev.strata.application.ratelimits.port.ConsumeRateLimitCommand;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import dev.strata.application.vectors.port.VectorsUseCase;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.DefineCollectionResult;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer adapter: counts what some use cases decide, by wrapping them as the container creates them, so the
 * areas stay free of metrics code. Labels are outcomes only: no tenant, key, client or secret name.
 */
public final class MeteredUseCases {
    private MeteredUseCases() {
    }

    /** Wraps {@link RateLimitUseCase}: {@code strata_rate_limit_decisions_total{result="allowed|limited"}}. */
    @Singleton
    public static class RateLimits implements BeanCreatedEventListener<RateLimitUseCase> {
        private final BeanProvider<MeterRegistry> registry;

        public RateLimits(BeanProvider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public RateLimitUseCase onCreated(BeanCreatedEvent<RateLimitUseCase> event) {
            MeterRegistry meters = registry.get();
            Counter allowed = Counter.builder("strata.rate.limit.decisions").description("Rate-limit decisions by result")
                    .tag("result", "allowed").register(meters);
            Counter limited = Counter.builder("strata.rate.limit.decisions").description("Rate-limit decisions by result")
                    .tag("result", "limited").register(meters);
            RateLimitUseCase delegate = event.getBean();
            return new RateLimitUseCase() {
                @Override
                public RateLimitPolicy configure(ConfigureRateLimitCommand command) {
                    return delegate.configure(command);
                }

                @Override
                public RateDecision consume(ConsumeRateLimitCommand command) {
                    return count(delegate.consume(command));
                }

                @Override
                public Optional<CompletionStage<RateDecision>> consumeWithoutBlocking(ConsumeRateLimitCommand command) {
                    // the fast path's decisions: without this the wrapper would hide them (the default declines)
                    return delegate.consumeWithoutBlocking(command).map(stage -> stage.thenApply(decision -> count(decision)));
                }

                @Override
                public RateDecision consumeAuth(String clientAddress) {
                    return count(delegate.consumeAuth(clientAddress));
                }

                @Override
                public RateDecision consumeGuard(String policy, String key) {
                    return count(delegate.consumeGuard(policy, key));
                }

                private RateDecision count(RateDecision decision) {
                    (decision.allowed() ? allowed : limited).increment();
                    return decision;
                }
            };
        }
    }

    /**
     * Wraps {@link VectorsUseCase}: {@code strata_vector_search_seconds{cached="true|false"}}, searches timed and whether
     * the shared result cache answered them (its count with {@code cached="true"} is the cache hits).
     */
    @Singleton
    public static class Vectors implements BeanCreatedEventListener<VectorsUseCase> {
        private final BeanProvider<MeterRegistry> registry;

        public Vectors(BeanProvider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public VectorsUseCase onCreated(BeanCreatedEvent<VectorsUseCase> event) {
            MeterRegistry meters = registry.get();
            Timer hit = Timer.builder("strata.vector.search").description("Vector searches, answered from the result cache or not")
                    .tag("cached", "true").register(meters);
            Timer computed = Timer.builder("strata.vector.search").description("Vector searches, answered from the result cache or not")
                    .tag("cached", "false").register(meters);
            return new MeteredVectors(event.getBean(), hit, computed);
        }
    }

    private record MeteredVectors(VectorsUseCase delegate, Timer hit, Timer computed) implements VectorsUseCase {
        @Override
        public DefineCollectionResult define(CollectionDefinition definition) {
            return delegate.define(definition);
        }

        @Override
        public CollectionInfo find(ResourceName collection) {
            return delegate.find(collection);
        }

        @Override
        public List<CollectionInfo> list(Optional<ResourceName> after, int limit) {
            return delegate.list(after, limit);
        }

        @Override
        public boolean delete(ResourceName collection) {
            return delegate.delete(collection);
        }

        @Override
        public WriteResult upsert(ResourceName collection, List<VectorItem> items) {
            return delegate.upsert(collection, items);
        }

        @Override
        public Optional<VectorItem> get(ResourceName collection, VectorId id) {
            return delegate.get(collection, id);
        }

        @Override
        public WriteResult delete(ResourceName collection, VectorId id) {
            return delegate.delete(collection, id);
        }

        @Override
        public WriteResult deleteWhere(ResourceName collection, MetadataFilter filter) {
            return delegate.deleteWhere(collection, filter);
        }

        @Override
        public SearchAnswer search(ResourceName collection, SearchQuery query) {
            long start = System.nanoTime();
            SearchAnswer answer = delegate.search(collection, query);
            (answer.cached() ? hit : computed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return answer;
        }

        @Override
        public int prewarmEveryCollection(int limit) {
            return delegate.prewarmEveryCollection(limit);
        }

        @Override
        public String requestKey(SearchQuery query) {
            return delegate.requestKey(query);
        }

        @Override
        public Optional<SearchAnswer> cached(ResourceName collection, String requestKey) {
            long start = System.nanoTime();
            Optional<SearchAnswer> answer = delegate.cached(collection, requestKey);
            answer.ifPresent(a -> hit.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
            return answer;
        }
    }
}
