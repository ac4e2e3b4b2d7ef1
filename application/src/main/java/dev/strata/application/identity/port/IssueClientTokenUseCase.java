package dev.strata.application.identity.port;

import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantId;
import java.util.Set;

/** Use case: authenticate a service client and decide the token grant (the HTTP edge signs it). */
public interface IssueClientTokenUseCase {
    TokenDecision issueClientToken(IssueClientTokenCommand command);

    /** Outcome of a grant request: an expected "no" is a value. */
    sealed interface TokenDecision permits Granted, InvalidClient, InvalidScope, Busy {
    }

    /** Credentials are valid: a token for these scopes may be issued. */
    record Granted(TenantId tenantId, ClientId clientId, Set<Scope> scopes) implements TokenDecision {
    }

    /** Unknown client or wrong secret (indistinguishable by design). */
    record InvalidClient() implements TokenDecision {
    }

    /** The bounded hashing pool is saturated: nothing was decided, the caller may retry shortly. */
    record Busy() implements TokenDecision {
    }

    /** A requested scope is unknown or not held by the client. */
    record InvalidScope(String detail) implements TokenDecision {
    }
}
