package dev.strata.adapters.http.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.http.cache.CacheHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection handler of the fast paths, on an embedded channel: what it answers, what it hands
 * to Micronaut (a recorder standing in for Micronaut's handler), in which order, and how it holds reads while
 * an answer is on its way.
 */
class FastPathHandlerTest {
    /** Answers by URI: "/hit..." at once, "/later..." when the test completes it, anything else not at all. */
    private final Map<String, CompletableFuture<FullHttpResponse>> later = new HashMap<>();
    private final List<Object> micronaut = new ArrayList<>();
    private int readCompletes;
    private int reads;
    private ChannelHandlerContext micronautContext;
    private EmbeddedChannel channel;

    /** POSTs to "/body...": answers a body "yes" at once, "later" when the test completes it, declines anything else. */
    private final FastRoute bodies = new FastRoute() {
        @Override
        public CompletableFuture<FullHttpResponse> answer(HttpRequest request) {
            return null;
        }

        @Override
        public boolean wantsBody(HttpRequest request) {
            return request.method() == HttpMethod.POST && request.uri().startsWith("/body");
        }

        @Override
        public CompletableFuture<FullHttpResponse> answer(HttpRequest request, ByteBuf body) {
            String text = body.toString(StandardCharsets.UTF_8);
            if (text.equals("yes")) {
                return CompletableFuture.completedFuture(response("body " + request.uri()));
            }
            if (text.equals("later")) {
                return later.computeIfAbsent(request.uri(), uri -> new CompletableFuture<>());
            }
            return null;
        }
    };

    @BeforeEach
    void setUp() {
        FastRoute answering = request -> {
            if (request.uri().startsWith("/hit")) {
                return CompletableFuture.completedFuture(response(request.uri()));
            }
            if (request.uri().startsWith("/later")) {
                return later.computeIfAbsent(request.uri(), uri -> new CompletableFuture<>());
            }
            return null;
        };
        channel = new EmbeddedChannel(
                new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void read(ChannelHandlerContext ctx) {
                        reads++;
                        ctx.read();
                    }
                },
                new FastPathHandler(List.of(answering, bodies)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext ctx) {
                        micronautContext = ctx;
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        micronaut.add(msg);
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        readCompletes++;
                    }
                });
        reads = 0;
    }

    private static FullHttpResponse response(String body) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private static HttpRequest get(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    /** A request as the decoder delivers it: the head, then its (here empty) last content. */
    private void send(String uri) {
        channel.writeInbound(get(uri), new DefaultLastHttpContent());
    }

    private String answered() {
        FullHttpResponse response = channel.readOutbound();
        if (response == null) {
            return null;
        }
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    /** Micronaut's handler writes the final response to the oldest request it holds. */
    private void micronautAnswers(String body) {
        micronautContext.writeAndFlush(response(body));
        channel.runPendingTasks();
    }

    private List<String> handedOn() {
        List<String> uris = new ArrayList<>();
        for (Object msg : micronaut) {
            if (msg instanceof HttpRequest request) {
                uris.add(request.uri());
            }
        }
        return uris;
    }

    @Test
    void aHitIsAnsweredAndItsRequestNeverReachesMicronaut() {
        send("/hit/1");
        assertEquals("/hit/1", answered());
        assertTrue(micronaut.isEmpty(), "neither the request nor its last content: " + micronaut);
        send("/other");
        assertNull(answered());
        assertEquals(List.of("/other"), handedOn());
        assertInstanceOf(LastHttpContent.class, micronaut.get(1));
    }

    @Test
    void whileMicronautHoldsARequestEverythingGoesToItInOrder() {
        send("/slow");
        send("/hit/2");
        assertNull(answered(), "Micronaut's answer to /slow must come first");
        assertEquals(List.of("/slow", "/hit/2"), handedOn());

        // an interim 100 Continue is no final response
        micronautContext.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        ((FullHttpResponse) channel.readOutbound()).release();
        micronautAnswers("slow");
        assertEquals("slow", answered());
        send("/hit/3");
        assertNull(answered(), "Micronaut still holds /hit/2");
        micronautAnswers("hit 2");
        assertEquals("hit 2", answered());
        assertNull(answered());
        assertEquals(List.of("/slow", "/hit/2", "/hit/3"), handedOn());

        micronautAnswers("hit 3");
        assertEquals("hit 3", answered());
        send("/hit/4");
        assertEquals("/hit/4", answered(), "Micronaut holds nothing now");
    }

    @Test
    void whileAnAnswerIsOnItsWayLaterRequestsWaitAndNothingMoreIsRead() {
        send("/later/1");
        send("/hit/5");
        send("/other");
        assertNull(answered());
        assertTrue(micronaut.isEmpty(), "held: " + micronaut);
        int completesBefore = readCompletes;
        reads = 0;
        micronautContext.read();
        assertEquals(0, reads, "no read while an answer is pending");

        later.get("/later/1").complete(response("later 1"));
        channel.runPendingTasks();
        assertEquals("later 1", answered());
        assertEquals("/hit/5", answered(), "then what waited, in order");
        assertNull(answered());
        assertEquals(List.of("/other"), handedOn());
        assertTrue(readCompletes > completesBefore, "Micronaut's read cycle is closed");
        assertTrue(reads >= 1, "the held read goes out");
    }

    @Test
    void anAnswerThatComesBackEmptyHandsTheRequestOnMarked() {
        HttpRequest forged = get("/later/2");
        forged.headers().set(CacheHeaders.PROBED, "1");
        channel.writeInbound(forged, new DefaultLastHttpContent());
        send("/hit/6");
        later.get("/later/2").complete(null);
        channel.runPendingTasks();
        assertEquals(List.of("/later/2", "/hit/6"), handedOn(), "/hit/6 waits behind Micronaut's request");
        assertEquals("1", ((HttpRequest) micronaut.get(0)).headers().get(CacheHeaders.PROBED), "set by the handler");
        assertInstanceOf(LastHttpContent.class, micronaut.get(1));
        assertNull(answered());
    }

    @Test
    void aClientCannotSendTheProbeMarker() {
        HttpRequest forged = get("/other");
        forged.headers().set(CacheHeaders.PROBED, "1");
        channel.writeInbound(forged, new DefaultLastHttpContent());
        assertFalse(((HttpRequest) micronaut.get(0)).headers().contains(CacheHeaders.PROBED));
    }

    @Test
    void whatWaitsIsReleasedWhenTheConnectionCloses() {
        send("/later/3");
        ByteBuf body = Unpooled.copiedBuffer("x", StandardCharsets.UTF_8);
        channel.writeInbound(get("/other"), new DefaultHttpContent(body));
        channel.close();
        FullHttpResponse lateAnswer = response("too late");
        later.get("/later/3").complete(lateAnswer);
        channel.runPendingTasks();
        assertEquals(0, body.refCnt(), "held content released");
        assertEquals(0, lateAnswer.refCnt(), "the late answer released");
        assertTrue(micronaut.isEmpty());
    }

    @Test
    void afterAProtocolSwitchEverythingIsMicronauts() {
        send("/upgrade");
        micronautContext.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS));
        ((FullHttpResponse) channel.readOutbound()).release();
        micronautAnswers("upgraded");
        answered();
        send("/hit/7");
        assertNull(answered());
        assertEquals(List.of("/upgrade", "/hit/7"), handedOn());
    }

    private static HttpRequest post(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void aBodyInPartsIsCollectedAndAnsweredAndNothingReachesMicronaut() {
        ByteBuf first = text("y");
        ByteBuf last = text("es");
        channel.writeInbound(post("/body/1"), new DefaultHttpContent(first));
        assertNull(answered(), "not before the whole body is in");
        channel.writeInbound(new DefaultLastHttpContent(last));
        assertEquals("body /body/1", answered());
        assertTrue(micronaut.isEmpty(), "nothing handed on: " + micronaut);
        assertEquals(0, first.refCnt(), "parts released");
        assertEquals(0, last.refCnt(), "parts released");
        send("/hit/8");
        assertEquals("/hit/8", answered(), "the next request goes on as usual");
    }

    @Test
    void aDeclinedBodyIsHandedOnWholeAfterItsRequest() {
        ByteBuf first = text("n");
        ByteBuf last = text("o");
        channel.writeInbound(post("/body/2"), new DefaultHttpContent(first), new DefaultLastHttpContent(last));
        assertNull(answered());
        assertEquals(List.of("/body/2"), handedOn());
        assertEquals(3, micronaut.size(), "the request, then both parts: " + micronaut);
        assertEquals("n", ((DefaultHttpContent) micronaut.get(1)).content().toString(StandardCharsets.UTF_8));
        assertEquals("o", ((LastHttpContent) micronaut.get(2)).content().toString(StandardCharsets.UTF_8));
        send("/hit/9");
        assertNull(answered(), "Micronaut holds /body/2");
        micronautAnswers("declined");
        assertEquals("declined", answered());
    }

    @Test
    void aBodyTooLongForTheFastPathGoesToMicronautWithEveryPart() {
        String big = "x".repeat(FastPathHandler.MAX_BODY);
        channel.writeInbound(post("/body/3"), new DefaultHttpContent(text(big)), new DefaultHttpContent(text("more")),
                new DefaultLastHttpContent(text("end")));
        assertNull(answered());
        assertEquals(List.of("/body/3"), handedOn());
        assertEquals(4, micronaut.size(), "the request and its three parts, in order: " + micronaut);
        assertInstanceOf(LastHttpContent.class, micronaut.get(3));
    }

    @Test
    void aBodyAnsweredLaterKeepsItsPlaceInLine() {
        ByteBuf body = text("later");
        channel.writeInbound(post("/body/4"), new DefaultLastHttpContent(body));
        send("/hit/10");
        assertNull(answered());
        assertTrue(micronaut.isEmpty(), "held: " + micronaut);
        later.get("/body/4").complete(response("later body"));
        channel.runPendingTasks();
        assertEquals("later body", answered());
        assertEquals("/hit/10", answered());
        assertEquals(0, body.refCnt(), "the body released");

        ByteBuf declined = text("later");
        channel.writeInbound(post("/body/5"), new DefaultLastHttpContent(declined));
        later.get("/body/5").complete(null);
        channel.runPendingTasks();
        assertEquals(List.of("/body/5"), handedOn(), "declined after all: handed on with its body");
        assertEquals("later", ((LastHttpContent) micronaut.get(1)).content().toString(StandardCharsets.UTF_8));
        assertFalse(((HttpRequest) micronaut.get(0)).headers().contains(CacheHeaders.PROBED), "no cache probe marker");
    }

    @Test
    void aBodyBeingCollectedIsReleasedWhenTheConnectionCloses() {
        ByteBuf part = text("ye");
        channel.writeInbound(post("/body/6"), new DefaultHttpContent(part));
        channel.close();
        assertEquals(0, part.refCnt());
        assertTrue(micronaut.isEmpty());
    }
}
