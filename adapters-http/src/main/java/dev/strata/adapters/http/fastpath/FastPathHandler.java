package dev.strata.adapters.http.fastpath;

import dev.strata.adapters.http.cache.CacheHeaders;
import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: one HTTP/1.1 connection's seat for the {@link FastRoute}s (the cache read, the rate-limit
 * decision, the publish, the job enqueue and completion), in the Netty pipeline right before Micronaut's own handler. A request a route answers
 * never reaches Micronaut; every other message passes through untouched.
 *
 * <p>Responses keep the order of their requests (HTTP/1.1 pipelining): the fast path takes a request only
 * while Micronaut has none of this connection in hand (each request handed to it has had its final
 * response written); and while an answer is on its way (an L2 probe, a rate-limit script, a write), whatever
 * else arrives waits here and no more is read from the connection, until the answer is written or the request is
 * handed on.
 * A route that needs the body of a request ({@link FastRoute#wantsBody}) gets it whole once it is in, up to
 * {@link #MAX_BODY} bytes; until then its parts are kept here, and handed on after the request when the route
 * declines. Nor does it take a request on a connection whose peer is not reading (not writable): Micronaut's
 * handler then applies its back-pressure. After a protocol switch (101) it stands aside for good. Not shared: one
 * per connection; its state is touched on the connection's event loop only.
 */
final class FastPathHandler extends ChannelDuplexHandler {
    static final String NAME = "strata-fast-path";
    /** The largest body collected for a route; a longer one goes to Micronaut. */
    static final int MAX_BODY = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(FastPathHandler.class);

    private final List<FastRoute> routes;
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
    /** The request whose body is being collected for {@link #collectingFor}, and the parts so far. */
    @Nullable
    private HttpRequest collecting;
    @Nullable
    private FastRoute collectingFor;
    private final List<HttpContent> parts = new ArrayList<>();
    private int collected;
    /** The body parts of the pending request (handed on after it if the route declines). */
    private List<HttpContent> pendingParts = List.of();

    FastPathHandler(List<FastRoute> routes) {
        this.routes = List.copyOf(routes);
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
        if (collecting != null) {
            collect(msg);
            return;
        }
        if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            request.headers().remove(CacheHeaders.PROBED);
            boolean free = inMicronaut == 0 && !switchedProtocol && ctx.channel().isWritable();
            FastRoute bodyRoute = free ? bodyRoute(request) : null;
            if (bodyRoute != null) {
                collecting = request;
                collectingFor = bodyRoute;
                collected = 0;
                if (request instanceof HttpContent content) {
                    // a full request: its body came with it
                    collectBody(content.retain());
                }
                return;
            }
            CompletableFuture<FullHttpResponse> answer = free ? start(request) : null;
            if (answer != null && !answer.isDone()) {
                pending = true;
                pendingParts = List.of();
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

    @Nullable
    private FastRoute bodyRoute(HttpRequest request) {
        for (FastRoute route : routes) {
            try {
                if (route.wantsBody(request)) {
                    return route;
                }
            } catch (RuntimeException e) {
                LOG.debug("fast path declined a request by an error; handing it on", e);
                return null;
            }
        }
        return null;
    }

    /** One more message while a body is collected: a part of it, or (a protocol error) anything else. */
    private void collect(Object msg) {
        if (!(msg instanceof HttpContent content)) {
            handOnCollected();
            process(msg);
            return;
        }
        collectBody(content);
    }

    private void collectBody(HttpContent content) {
        parts.add(content);
        collected += content.content().readableBytes();
        if (collected > MAX_BODY) {
            handOnCollected();
            return;
        }
        if (content instanceof LastHttpContent) {
            finishCollecting();
        }
    }

    /** The body is in: the route answers now, later, or not at all. */
    private void finishCollecting() {
        HttpRequest request = collecting;
        FastRoute route = collectingFor;
        List<HttpContent> body = new ArrayList<>(parts);
        collecting = null;
        collectingFor = null;
        parts.clear();
        CompletableFuture<FullHttpResponse> answer;
        ByteBuf whole = Unpooled.wrappedBuffer(body.stream().map(part -> part.content().duplicate()).toArray(ByteBuf[]::new));
        try {
            answer = route.answer(request, whole);
        } catch (RuntimeException e) {
            LOG.debug("fast path declined a request by an error; handing it on", e);
            answer = null;
        }
        if (answer != null && !answer.isDone()) {
            pending = true;
            pendingParts = body;
            answer.whenComplete((response, error) -> resumeOnEventLoop(request, response));
            return;
        }
        FullHttpResponse response = answer == null ? null : answer.getNow(null);
        if (response != null) {
            ctx.write(response, ctx.voidPromise());
            flushPending = true;
            release(request, body);
            return;
        }
        handOn(request, body);
    }

    /** The route cannot have the request after all (too long a body, a protocol error): Micronaut gets it whole. */
    private void handOnCollected() {
        HttpRequest request = collecting;
        List<HttpContent> body = new ArrayList<>(parts);
        collecting = null;
        collectingFor = null;
        parts.clear();
        boolean complete = !body.isEmpty() && body.get(body.size() - 1) instanceof LastHttpContent;
        handOn(request, body);
        // the rest of a long body follows the request through process(), which passes it on
        discarding = false;
        if (complete) {
            flushPending = true;
        }
    }

    private void handOn(HttpRequest request, List<HttpContent> body) {
        inMicronaut++;
        if (request instanceof HttpContent && !body.isEmpty() && body.get(0) == request) {
            // a full request carries its own body: it was retained once more when collected
            ReferenceCountUtil.release(request);
            body = body.subList(1, body.size());
        }
        ctx.fireChannelRead(request);
        for (HttpContent part : body) {
            ctx.fireChannelRead(part);
        }
    }

    private static void release(HttpRequest request, List<HttpContent> body) {
        for (HttpContent part : body) {
            ReferenceCountUtil.release(part);
        }
        ReferenceCountUtil.release(request);
    }

    private CompletableFuture<FullHttpResponse> start(HttpRequest request) {
        for (FastRoute route : routes) {
            try {
                CompletableFuture<FullHttpResponse> answer = route.answer(request);
                if (answer != null) {
                    return answer;
                }
            } catch (RuntimeException e) {
                // whatever went wrong here, Micronaut's full path answers the request (and reports its own errors)
                LOG.debug("fast path declined a request by an error; handing it on", e);
                return null;
            }
        }
        return null;
    }

    private void resumeOnEventLoop(HttpRequest request, FullHttpResponse response) {
        try {
            ctx.executor().execute(() -> resume(request, response));
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down: the connection goes with it
            ReferenceCountUtil.release(response);
            release(request, pendingParts);
            pendingParts = List.of();
        }
    }

    /** The answer to the pending request is in: write it or hand the request on, then take what waited. */
    private void resume(HttpRequest request, FullHttpResponse response) {
        pending = false;
        List<HttpContent> body = pendingParts;
        pendingParts = List.of();
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(response);
            release(request, body);
            releaseHeld();
            return;
        }
        if (response != null) {
            ctx.writeAndFlush(response, ctx.voidPromise());
            // a request without a collected body may still have its (empty) last part to come
            discarding = body.isEmpty() && !(request instanceof LastHttpContent);
            release(request, body);
        } else if (!body.isEmpty()) {
            handOn(request, body);
        } else {
            // the probe missed: Micronaut's route goes straight to its full read (or the miss the route found)
            if (!request.headers().contains(CacheHeaders.PROBED)) {
                request.headers().set(CacheHeaders.PROBED, "1");
            }
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
        for (HttpContent part : parts) {
            ReferenceCountUtil.release(part);
        }
        parts.clear();
        if (collecting != null) {
            ReferenceCountUtil.release(collecting);
            collecting = null;
            collectingFor = null;
        }
        for (HttpContent part : pendingParts) {
            ReferenceCountUtil.release(part);
        }
        pendingParts = List.of();
    }
}
