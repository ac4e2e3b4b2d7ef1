package dev.strata.application.events;

import dev.strata.application.events.port.RelayEventsUseCase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background runner of the relay on every instance: relays whenever woken (a local publish committed) and
 * at least every {@code interval} (publishes of other instances, retries after a store failure).
 */
public final class RelayWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RelayWorker.class.getName());

    private final RelayEventsUseCase relay;
    private final Duration interval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean signalled;

    public RelayWorker(RelayEventsUseCase relay, Duration interval) {
        this.relay = relay;
        this.interval = interval;
        this.thread = new Thread(this::loop, "strata-events-relay");
        this.thread.setDaemon(true);
    }

    public RelayWorker start() {
        thread.start();
        return this;
    }

    /** Asks for a relay round soon. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            woken.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration backoff = interval;
        while (running) {
            try {
                relay.relayPending();
                backoff = interval;
            } catch (RuntimeException e) {
                // a store is down: events stay in the outbox and are relayed once it is back
                LOG.log(Level.FINE, "relay round failed: " + e.getClass().getSimpleName());
                backoff = Duration.ofMillis(Math.min(1000, backoff.toMillis() * 2 + 1));
            }
            await(backoff);
        }
    }

    private void await(Duration wait) {
        lock.lock();
        try {
            if (!signalled) {
                woken.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
