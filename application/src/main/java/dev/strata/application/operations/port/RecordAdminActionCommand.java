package dev.strata.application.operations.port;

import dev.strata.domain.operations.AdminAction;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;

/** Command: record an admin action taken elsewhere (a dead-letter replay) with how it ended. */
public record RecordAdminActionCommand(String actor, AdminAction action, String target, boolean succeeded, String detail) {
    public RecordAdminActionCommand {
        if (actor == null || actor.isEmpty()) {
            throw new InvalidInputException("actor", "actor must not be empty");
        }
        Objects.requireNonNull(action, "action must not be null");
        if (target == null || target.isEmpty()) {
            throw new InvalidInputException("target", "target must not be empty");
        }
        detail = detail == null ? "" : detail;
    }
}
