package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.UserDirectory;

class InMemoryUserDirectoryTest extends UserDirectoryContract {
    @Override
    protected UserDirectory createSubject() {
        return new InMemoryUserDirectory();
    }
}
