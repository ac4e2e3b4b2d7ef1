package dev.strata.application.identity;

import dev.strata.application.identity.port.ClientCredentials;
import dev.strata.application.identity.port.CreateClientCommand;
import dev.strata.application.identity.port.CreateClientUseCase;
import dev.strata.application.identity.port.CreateTenantCommand;
import dev.strata.application.identity.port.CreateTenantUseCase;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;

/** Service implementing {@link CreateTenantUseCase}: tenant row and admin client in one unit of work. */
public class CreateTenantService implements CreateTenantUseCase {
    private final TenantDirectory tenants;
    private final CreateClientUseCase createClient;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public CreateTenantService(TenantDirectory tenants, CreateClientUseCase createClient, UnitOfWork unitOfWork, Clock clock) {
        this.tenants = tenants;
        this.createClient = createClient;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public TenantCreated createTenant(CreateTenantCommand command) {
        TenantId id = TenantId.random();
        return TenantContext.callAs(id, () -> unitOfWork.execute(() -> {
            tenants.create(new Tenant(id, command.slug(), clock.now()));
            ClientCredentials admin = createClient.createClient(
                    new CreateClientCommand(command.slug() + " admin", Scope.clientScopes()));
            return new TenantCreated(id, admin);
        }));
    }
}
