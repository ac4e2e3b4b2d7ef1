package dev.strata.application.events.port;

import dev.strata.domain.events.AppendResult;
import java.util.concurrent.CompletableFuture;

/** Use case: publish an event durably (committed to the outbox before this returns); relayed to the stream after. */
public interface PublishEventUseCase {
    AppendResult publish(PublishEventCommand command);

    /**
     * As {@link #publish}, answering when the event is committed without holding the calling thread while the
     * append waits for its topic (the calling thread may itself append: the call can block for that).
     */
    default CompletableFuture<AppendResult> publishAsync(PublishEventCommand command) {
        try {
            return CompletableFuture.completedFuture(publish(command));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
