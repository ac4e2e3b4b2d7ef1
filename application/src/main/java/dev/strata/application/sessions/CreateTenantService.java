package dev.strata.application.sessions;

import dev.strata.application.sessions.port.ClientCredentials;
import dev.strata.application.sessions.port.CreateClientCommand;
import dev.strata.application.sessions.port.CreateClientUseCase;
import dev.strata.application.sessions.port.CreateTenantCommand;
import dev.strata.application.sessions.port.CreateTenantUseCase;
import dev.strata.domain.sessions.Scope;
import dev.strata.domain.sessions.Tenant;
import dev.strata.domain.sessions.port.TenantDirectory;
import dev.strata.domain.shared.Clock;
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
