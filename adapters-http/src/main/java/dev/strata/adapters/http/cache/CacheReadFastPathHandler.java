package dev.strata.adapters.http.cache;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: one HTTP/1.1 connection's seat for {@link CacheReadFastPath}, in the Netty pipeline right
 * before Micronaut's own handler. A request the fast path answers never reaches Micronaut; every other
 * message passes through untouched.
 *
 * <p>Responses keep the order of their requests (HTTP/1.1 pipelining): the fast path answers only while
 * Micronaut has no request of this connection in hand, that is when each request handed to it has had its
 * final response written. Nor does it answer a connection whose peer is not reading (not writable):
 * Micronaut's handler then applies its back-pressure. After a protocol switch (101) it stands aside for
 * good. Not shared: one per connection, used on the connection's event loop only.
 */
final class CacheReadFastPathHandler extends ChannelDuplexHandler {
    static final String NAME = "strata-cache-read-fast-path";
    private static final Logger LOG = LoggerFactory.getLogger(CacheReadFastPathHandler.class);

    private final CacheReadFastPath fastPath;
    /** Requests handed to Micronaut whose final response has not been written yet. */
    private int inMicronaut;
    /** Skipping the (empty) content of a request answered here, up to its last part. */
    private boolean discarding;
    private boolean flushPending;
    private boolean switchedProtocol;

    CacheReadFastPathHandler(CacheReadFastPath fastPath) {
        this.fastPath = fastPath;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            FullHttpResponse response = inMicronaut == 0 && !switchedProtocol && ctx.channel().isWritable() ? answer(request) : null;
            if (response != null) {
                ctx.write(response, ctx.voidPromise());
                flushPending = true;
                discarding = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            inMicronaut++;
        }
        ctx.fireChannelRead(msg);
    }

    private FullHttpResponse answer(HttpRequest request) {
        try {
            return fastPath.answer(request);
        } catch (RuntimeException e) {
            // whatever went wrong here, Micronaut's full path answers the request (and reports its own errors)
            LOG.debug("fast cache read declined by an error; handing the request on", e);
            return null;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim = msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (interim && ((HttpResponse) msg).status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            switchedProtocol = true;
        }
        if (!interim && msg instanceof LastHttpContent && inMicronaut > 0) {
            inMicronaut--;
        }
        ctx.write(msg, promise);
    }
}
