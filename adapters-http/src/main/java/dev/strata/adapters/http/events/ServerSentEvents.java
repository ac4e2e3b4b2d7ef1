package dev.strata.adapters.http.events;

import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.CredentialWatch;
import dev.strata.application.events.port.StreamEventsQuery;
import dev.strata.application.events.port.StreamEventsUseCase;
import dev.strata.application.sessions.port.WatchAccessUseCase;
import dev.strata.domain.events.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * HTTP adapter plumbing: turns a live feed into a Server-Sent Events publisher with a bounded buffer per
 * client ({@code strata.events.sse-buffer}). A client that lets the buffer fill is disconnected (it resumes
 * with Last-Event-ID); publishers and other clients never wait for it. A stream ends, too, when the credential
 * that opened it ends ({@link CredentialWatch}): the client then sees the end of the stream.
 */
@Singleton
public class ServerSentEvents {
    private final int buffer;
    private final CredentialWatch credentials;
    private final ExecutorService delivery = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "strata-events-sse");
        thread.setDaemon(true);
        return thread;
    });

    public ServerSentEvents(EventsSettings settings, CredentialWatch credentials) {
        this.buffer = settings.sseBuffer();
        this.credentials = credentials;
    }

    /** A publisher of the feed's events, rendered by {@code render}, living as long as the client and its credential. */
    public Publisher<io.micronaut.http.sse.Event<String>> open(StreamEventsUseCase useCase, StreamEventsQuery query,
                                                        Function<Event, String> render, AccessPrincipal principal) {
        SubmissionPublisher<io.micronaut.http.sse.Event<String>> publisher = new SubmissionPublisher<>(delivery, buffer);
        AtomicReference<WatchAccessUseCase.Watch> watch = new AtomicReference<>();
        StreamEventsUseCase.Sink sink = new StreamEventsUseCase.Sink() {
            @Override
            public boolean send(Event event) {
                return offer(io.micronaut.http.sse.Event.of(render.apply(event)).id(Long.toString(event.sequence())));
            }

            @Override
            public boolean heartbeat() {
                return offer(io.micronaut.http.sse.Event.of("").comment("heartbeat"));
            }

            private boolean offer(io.micronaut.http.sse.Event<String> item) {
                if (publisher.isClosed()) {
                    return false;
                }
                return publisher.offer(item, null) >= 0;
            }

            @Override
            public void end() {
                publisher.close();
                stopWatching(watch);
            }
        };
        AtomicReference<StreamEventsUseCase.Feed> feed = new AtomicReference<>();
        feed.set(useCase.open(query, sink));
        Flow.Publisher<io.micronaut.http.sse.Event<String>> guarded = subscriber -> {
            publisher.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                            subscription.request(n);
                        }

                        @Override
                        public void cancel() {
                            // the client went away
                            subscription.cancel();
                            feed.get().close();
                        }
                    });
                    // start feeding only once the connection listens: a publisher drops what nobody takes
                    feed.get().start();
                    // from now on the stream lives only as long as its credential
                    watch.set(credentials.open(principal, () -> feed.get().close()));
                    if (publisher.isClosed()) {
                        stopWatching(watch);
                    }
                }

                @Override
                public void onNext(io.micronaut.http.sse.Event<String> item) {
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        };
        return FlowAdapters.toPublisher(guarded);
    }

    private static void stopWatching(AtomicReference<WatchAccessUseCase.Watch> watch) {
        WatchAccessUseCase.Watch running = watch.getAndSet(null);
        if (running != null) {
            running.close();
        }
    }

    @PreDestroy
    void close() {
        delivery.shutdownNow();
    }
}
