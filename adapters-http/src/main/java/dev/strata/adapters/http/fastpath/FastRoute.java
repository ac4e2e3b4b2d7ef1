package dev.strata.adapters.http.fastpath;

import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP adapter: one route a {@link FastPathHandler} may answer ahead of Micronaut. It answers only the plain case
 * and declines (null) everything else, which Micronaut then answers as ever. Called on the connection's event loop:
 * it never blocks and never completes exceptionally.
 */
public interface FastRoute {
    /**
     * The answer to a request without a body: complete now, or later (completing with null when the request is
     * Micronaut's after all); null when the request is Micronaut's from the start.
     */
    @Nullable
    CompletableFuture<FullHttpResponse> answer(HttpRequest request);

    /** True when this route would answer {@code request} once it has its (small) body: the handler then collects it. */
    default boolean wantsBody(HttpRequest request) {
        return false;
    }

    /** As {@link #answer(HttpRequest)}, for a request whose whole body {@link #wantsBody} asked for. */
    @Nullable
    default CompletableFuture<FullHttpResponse> answer(HttpRequest request, ByteBuf body) {
        return null;
    }
}
