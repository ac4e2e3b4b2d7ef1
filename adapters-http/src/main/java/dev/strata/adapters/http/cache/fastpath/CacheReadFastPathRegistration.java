package dev.strata.adapters.http.cache.fastpath;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;

/**
 * HTTP adapter: puts a {@link CacheReadFastPathHandler} into the pipeline of every HTTP/1.1 connection,
 * right before Micronaut's handler (HTTP/2 streams go through Micronaut alone).
 */
@Singleton
@Requires(property = CacheReadFastPath.ENABLED, notEquals = "false")
final class CacheReadFastPathRegistration implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final BeanProvider<CacheReadFastPath> fastPath;

    CacheReadFastPathRegistration(BeanProvider<CacheReadFastPath> fastPath) {
        this.fastPath = fastPath;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(fastPath, null));
        return event.getBean();
    }

    /** The server-wide customizer, and its specialisation for one connection (with {@code channel} set). */
    private record Customizer(BeanProvider<CacheReadFastPath> fastPath, @Nullable Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(fastPath, role == ChannelRole.CONNECTION ? channel : null);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && pipeline.get(CacheReadFastPathHandler.NAME) == null) {
                // absent in a context without the cache (tests of the HTTP adapter alone)
                fastPath.find(null).ifPresent(answering -> pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                        CacheReadFastPathHandler.NAME, new CacheReadFastPathHandler(answering::answer)));
            }
        }
    }
}
