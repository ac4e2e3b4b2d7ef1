package dev.strata.application.identity.port;

import dev.strata.domain.identity.Email;
import dev.strata.domain.shared.UserId;
import java.util.Optional;

/** Use case: who is this end user ({@code GET /v1/auth/me})? */
public interface FindUserUseCase {
    Optional<UserView> findUser(FindUserQuery query);

    /** What an end user may see of their account. */
    record UserView(UserId userId, Email email) {
    }
}
