package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.RefreshTokens;

class InMemoryRefreshTokensTest extends RefreshTokensContract {
    @Override
    protected RefreshTokens createSubject() {
        return new InMemoryRefreshTokens();
    }
}
