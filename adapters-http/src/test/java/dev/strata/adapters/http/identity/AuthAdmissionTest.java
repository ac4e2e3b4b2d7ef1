package dev.strata.adapters.http.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token endpoint's admission: at most threads + queue requests are taken; the next is refused at once. */
class AuthAdmissionTest {
    @Test
    void beyondItsWorkersAndQueueARequestIsRefusedAtOnceAndAdmittedAgainLater() throws Exception {
        AuthAdmission admission = new AuthAdmission(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CompletableFuture<String> running = admission.<String>submit(() -> {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }).orElseThrow();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            CompletableFuture<String> waiting = admission.submit(() -> "second").orElseThrow();
            Optional<CompletableFuture<String>> refused = admission.submit(() -> "third");
            assertTrue(refused.isEmpty(), "one running, one waiting: the third is refused");
            release.countDown();
            assertEquals("first", running.get(5, TimeUnit.SECONDS));
            assertEquals("second", waiting.get(5, TimeUnit.SECONDS));
            assertEquals("fourth", admission.submit(() -> "fourth").orElseThrow().get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            admission.close();
        }
    }

    @Test
    void theWorkRunsInTheCallersPropagatedContext() throws Exception {
        AuthAdmission admission = new AuthAdmission(1, 1);
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty().plus(new Marker("req-42")).propagate()) {
            CompletableFuture<String> seen = admission.submit(() -> PropagatedContext.find()
                    .flatMap(context -> context.find(Marker.class)).map(Marker::id).orElse("none")).orElseThrow();
            assertEquals("req-42", seen.get(5, TimeUnit.SECONDS), "the request's context (and so its request id) reaches the worker");
        } finally {
            admission.close();
        }
    }

    private record Marker(String id) implements PropagatedContextElement {
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AuthAdmissionSettings(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new AuthAdmissionSettings(1, -1));
    }
}
