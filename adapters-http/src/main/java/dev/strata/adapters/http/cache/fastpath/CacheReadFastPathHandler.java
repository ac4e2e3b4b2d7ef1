package dev.strata.adapters.http.cache.fastpath;

import dev.strata.adapters.http.cache.CacheHeaders;
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
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: one HTTP/1.1 connection's seat for {@link CacheReadFastPath}, in the Netty pipeline right
 * before Micronaut's own handler. A request the fast path answers never reaches Micronaut; every other
 * message passes through untouched.
 *
 * <p>Responses keep the order of their requests (HTTP/1.1 pipelining): the fast path takes a request only
 * while Micronaut has none of this connection in hand (each request handed to it has had its final
 * response written); and while an answer is on its way (an L2 probe), whatever else arrives waits here
 * and no more is read from the connection, until the answer is written or the request is handed on. Nor
 * does it take a request on a connection whose peer is not reading (not writable): Micronaut's handler
 * then applies its back-pressure. After a protocol switch (101) it stands aside for good. Not shared: one
 * per connection; its state is touched on the connection's event loop only.
 */
final class CacheReadFastPathHandler extends ChannelDuplexHandler {
    static final String NAME = "strata-cache-read-fast-path";
    private static final Logger LOG = LoggerFactory.getLogger(CacheReadFastPathHandler.class);

    private final Answering fastPath;
    private ChannelHandlerContext ctx;
    /** Requests handed to Micronaut whose final response has not been written yet. */
    private int inMicronaut;
    /** Skipping the (empty) content of a request answered here, up to its last part. */
    private boolean discarding;
    private boolean flushPending;
    private boolean switchedProtocol;
    /** An answer is on its way: inbound messages wait in {@link #held}, reads wait too. */
    private boolean pending;
    private boolean readWanted;
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    /** What the handler asks of a request: as {@link CacheReadFastPath#answer}. */
    @FunctionalInterface
    interface Answering {
        /** Null: the request is Micronaut's; else the answer, now or later (null when it is Micronaut's after all). */
        CompletableFuture<FullHttpResponse> answer(HttpRequest request);
    }

    CacheReadFastPathHandler(Answering fastPath) {
        this.fastPath = fastPath;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pending) {
            held.add(msg);
        } else {
            process(msg);
        }
    }

    /** Takes one inbound message: answers it, starts an answer (then {@link #pending}), or hands it on. */
    private void process(Object msg) {
        if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            request.headers().remove(CacheHeaders.PROBED);
            CompletableFuture<FullHttpResponse> answer =
                    inMicronaut == 0 && !switchedProtocol && ctx.channel().isWritable() ? start(request) : null;
            if (answer != null && !answer.isDone()) {
                pending = true;
                answer.whenComplete((response, error) -> resumeOnEventLoop(request, response));
                return;
            }
            FullHttpResponse response = answer == null ? null : answer.getNow(null);
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

    private CompletableFuture<FullHttpResponse> start(HttpRequest request) {
        try {
            return fastPath.answer(request);
        } catch (RuntimeException e) {
            // whatever went wrong here, Micronaut's full path answers the request (and reports its own errors)
            LOG.debug("fast cache read declined by an error; handing the request on", e);
            return null;
        }
    }

    private void resumeOnEventLoop(HttpRequest request, FullHttpResponse response) {
        try {
            ctx.executor().execute(() -> resume(request, response));
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down: the connection goes with it
            ReferenceCountUtil.release(response);
            ReferenceCountUtil.release(request);
        }
    }

    /** The answer to the pending request is in: write it or hand the request on, then take what waited. */
    private void resume(HttpRequest request, FullHttpResponse response) {
        pending = false;
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(response);
            ReferenceCountUtil.release(request);
            releaseHeld();
            return;
        }
        if (response != null) {
            ctx.writeAndFlush(response, ctx.voidPromise());
            discarding = !(request instanceof LastHttpContent);
            ReferenceCountUtil.release(request);
        } else {
            // the probe missed: Micronaut's route goes straight to its full read
            request.headers().set(CacheHeaders.PROBED, "1");
            inMicronaut++;
            ctx.fireChannelRead(request);
        }
        while (!pending && !held.isEmpty()) {
            process(held.poll());
        }
        // close the read cycle for Micronaut's handler (it flushes and asks for more then), and for ours
        channelReadComplete(ctx);
        if (!pending && readWanted) {
            readWanted = false;
            ctx.read();
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
    public void read(ChannelHandlerContext ctx) {
        if (pending) {
            readWanted = true;
        } else {
            ctx.read();
        }
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

    private void releaseHeld() {
        for (Object msg = held.poll(); msg != null; msg = held.poll()) {
            ReferenceCountUtil.release(msg);
        }
    }
}
