package dev.strata.application.events.port;

/**
 * Use case: takes one of the caller's tenant's open-stream slots before a live-event stream (SSE) opens,
 * so a tenant holds at most its quota of streams across all instances.
 */
public interface AcquireStreamSlotUseCase {
    /**
     * A slot held for the stream until closed.
     *
     * @throws dev.strata.domain.shared.QuotaExceededException when the tenant holds its quota of open streams
     */
    StreamSlot acquire();

    /** A held slot; closing it (once or more) frees it. */
    interface StreamSlot extends AutoCloseable {
        @Override
        void close();
    }
}
