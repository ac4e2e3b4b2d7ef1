package dev.strata.application.sessions.port;

import dev.strata.application.shared.Page;
import dev.strata.domain.sessions.Session;
import java.util.Optional;

/**
 * Use case: sessions of the current tenant ({@code /v1/sessions}) — start, read (sliding the expiry
 * when configured), patch, end one, list and end all of a user's. Ending a session also spends its
 * refresh tokens, so login sessions end completely.
 */
public interface ManageSessionsUseCase {
    Session create(CreateSessionCommand command);

    /** The live session, its expiry slid forward when sliding is on. */
    Optional<Session> get(SessionIdCommand command);

    Optional<Session> patch(PatchSessionCommand command);

    /** False when there was no live session. */
    boolean end(SessionIdCommand command);

    Page<Session> list(UserSessionsQuery query);

    int endAll(EndUserSessionsCommand command);
}
