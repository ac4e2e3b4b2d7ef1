package dev.strata.adapters.http.events;

import dev.strata.application.events.port.AcquireStreamSlotUseCase.StreamSlot;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * HTTP adapter plumbing: frees an SSE stream's quota slot when the stream ends, however it ends (the client
 * goes away, the feed completes or fails).
 */
public final class StreamSlotRelease {
    private StreamSlotRelease() {
    }

    /** {@code publisher}, freeing {@code slot} once its stream ends. */
    public static <T> Publisher<T> releasing(Publisher<T> publisher, StreamSlot slot) {
        return subscriber -> publisher.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        try {
                            subscription.cancel();
                        } finally {
                            slot.close();
                        }
                    }
                });
            }

            @Override
            public void onNext(T item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                slot.close();
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                slot.close();
                subscriber.onComplete();
            }
        });
    }
}
