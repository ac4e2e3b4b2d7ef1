package dev.strata.domain.identity;

import dev.strata.domain.identity.port.TenantDirectory;

class InMemoryTenantDirectoryTest extends TenantDirectoryContract {
    @Override
    protected TenantDirectory createSubject() {
        return new InMemoryTenantDirectory();
    }
}
