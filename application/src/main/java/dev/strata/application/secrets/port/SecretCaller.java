package dev.strata.application.secrets.port;

import dev.strata.domain.shared.InvalidInputException;

/** Who asks and in which request: what every audit record of the call names. */
public record SecretCaller(String actor, String requestId) {
    public SecretCaller {
        if (actor == null || actor.isBlank()) {
            throw new InvalidInputException("actor", "actor must not be blank");
        }
        if (requestId == null || requestId.isBlank()) {
            throw new InvalidInputException("requestId", "requestId must not be blank");
        }
    }
}
