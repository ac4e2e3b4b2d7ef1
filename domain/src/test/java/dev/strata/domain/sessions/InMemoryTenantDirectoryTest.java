package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.TenantDirectory;

class InMemoryTenantDirectoryTest extends TenantDirectoryContract {
    @Override
    protected TenantDirectory createSubject() {
        return new InMemoryTenantDirectory();
    }
}
