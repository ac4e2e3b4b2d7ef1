package dev.strata.adapters.http.operations;

import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.application.operations.port.RecordAdminActionCommand;
import dev.strata.application.operations.port.RecordAdminActionUseCase;
import dev.strata.domain.operations.AdminAction;
import dev.strata.domain.shared.TenantContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: writes every authenticated dead-letter replay ({@code POST .../dead-letters/{id}/replay}, the route the
 * dashboard calls) to the admin audit log with its outcome, without touching the events area. A log that cannot be
 * written is reported in the server log and does not undo the replay that already happened.
 */
@ServerFilter(DeadLetterReplayAudit.PATTERN)
public class DeadLetterReplayAudit {
    static final String PATTERN = "/v1/topics/*/groups/*/dead-letters/*/replay";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayAudit.class);
    private static final String PREFIX = "/v1/topics/";

    private final RecordAdminActionUseCase record;

    public DeadLetterReplayAudit(RecordAdminActionUseCase record) {
        this.record = record;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void audit(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<AccessPrincipal> principal = request.getAttribute(AccessPrincipal.ATTRIBUTE, AccessPrincipal.class);
        if (principal.isEmpty() || !"POST".equals(request.getMethodName())) {
            return; // refused before any replay (no or a bad token): nothing was done to audit
        }
        String target = target(request.getPath());
        int status = response.code();
        try {
            TenantContext.callAs(principal.get().tenantId(), () -> record.record(new RecordAdminActionCommand(
                    principal.get().subject(), AdminAction.EVENTS_REPLAY_DEAD_LETTER, target, status < 300,
                    Integer.toString(status))));
        } catch (RuntimeException e) {
            LOG.warn("dead-letter replay not written to the admin audit log: {}", e.getClass().getSimpleName());
        }
    }

    /** {@code topic/group/id} of the path {@code /v1/topics/{t}/groups/{g}/dead-letters/{id}/replay}. */
    static String target(String path) {
        String[] parts = path.substring(PREFIX.length()).split("/");
        return parts.length >= 5 ? parts[0] + "/" + parts[2] + "/" + parts[4] : path;
    }
}
