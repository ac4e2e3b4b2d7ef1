package dev.strata.application.sessions.port;

/**
 * Use case: keeps watch over the credential behind a long-lived response (a live feed) and says when the
 * response must end — the client or session was revoked on any instance, the token expired, or the stores
 * no longer confirm the credential.
 */
public interface WatchAccessUseCase {
    /**
     * Starts watching in the current tenant. {@code onEnd} runs at most once, on a thread of the watch's own
     * (never the caller's), as soon as the credential ends; closing the watch first means it never runs.
     */
    Watch watch(WatchAccessQuery query, Runnable onEnd);

    /** A running watch. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
