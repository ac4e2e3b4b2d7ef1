package dev.strata.adapters.http.fastpath;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * HTTP adapter: puts a {@link FastPathHandler} with every {@link FastRoute} bean into the pipeline of every
 * HTTP/1.1 connection, right before Micronaut's handler (HTTP/2 streams go through Micronaut alone). Nothing when
 * no route is switched on.
 */
@Singleton
final class FastPathRegistration implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final BeanProvider<FastRoute> routes;

    FastPathRegistration(BeanProvider<FastRoute> routes) {
        this.routes = routes;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(routes, null));
        return event.getBean();
    }

    /** The server-wide customizer, and its specialisation for one connection (with {@code channel} set). */
    private record Customizer(BeanProvider<FastRoute> routes, @Nullable Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(routes, role == ChannelRole.CONNECTION ? channel : null);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && pipeline.get(FastPathHandler.NAME) == null) {
                // none in a context without the routes' areas (tests of the HTTP adapter alone) or with all switched off
                List<FastRoute> all = routes.stream().toList();
                if (!all.isEmpty()) {
                    pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, FastPathHandler.NAME,
                            new FastPathHandler(all));
                }
            }
        }
    }
}
