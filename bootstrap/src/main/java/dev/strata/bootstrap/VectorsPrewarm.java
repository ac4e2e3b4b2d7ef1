package dev.strata.bootstrap;

import dev.strata.application.vectors.port.VectorsUseCase;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, loads the indexes of every tenant's vector collections into the database's memory, once, on a
 * background thread (a cold index page costs a disk read per query otherwise); the first search of a collection is
 * the fallback when this misses it or fails.
 */
@Singleton
class VectorsPrewarm implements ApplicationEventListener<ServerStartupEvent> {
    /** Collections prewarmed at start at most; the rest on their first search. */
    static final int MAX_COLLECTIONS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(VectorsPrewarm.class);

    private final VectorsUseCase vectors;

    VectorsPrewarm(VectorsUseCase vectors) {
        this.vectors = vectors;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Thread thread = new Thread(this::prewarm, "strata-vectors-prewarm");
        thread.setDaemon(true);
        thread.start();
    }

    private void prewarm() {
        long started = System.nanoTime();
        try {
            int loaded = vectors.prewarmEveryCollection(MAX_COLLECTIONS);
            LOG.info("vector collections prewarmed at start: {} in {} ms", loaded, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("prewarming vector collections at start failed; each is prewarmed on its first search: {}", e.toString());
        }
    }
}
