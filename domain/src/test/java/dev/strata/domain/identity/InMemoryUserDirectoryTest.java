package dev.strata.domain.identity;

import dev.strata.domain.identity.port.UserDirectory;

class InMemoryUserDirectoryTest extends UserDirectoryContract {
    @Override
    protected UserDirectory createSubject() {
        return new InMemoryUserDirectory();
    }
}
