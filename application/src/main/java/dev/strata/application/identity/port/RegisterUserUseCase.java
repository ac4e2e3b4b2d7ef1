package dev.strata.application.identity.port;

import dev.strata.domain.shared.UserId;

/** Use case: register an end user (409 when the email is taken in that tenant). */
public interface RegisterUserUseCase {
    Registration register(RegisterUserCommand command);

    /** Outcome of a registration. */
    sealed interface Registration permits Registered, Busy {
    }

    record Registered(UserId userId) implements Registration {
    }

    /** The password hashing pool is saturated: retry later. */
    record Busy() implements Registration {
    }
}
