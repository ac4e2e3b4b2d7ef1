package dev.strata.application.identity;

import dev.strata.application.identity.port.RegisterUserCommand;
import dev.strata.application.identity.port.RegisterUserUseCase;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.User;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UserId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Service implementing {@link RegisterUserUseCase}: Argon2id hash on the bounded pool, then the row. */
public class RegisterUserService implements RegisterUserUseCase {
    private final TenantDirectory tenants;
    private final UserDirectory users;
    private final PasswordHashing hashing;
    private final Clock clock;

    public RegisterUserService(TenantDirectory tenants, UserDirectory users, PasswordHashing hashing, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.hashing = hashing;
        this.clock = clock;
    }

    @Override
    public Registration register(RegisterUserCommand command) {
        Tenant tenant = tenants.findBySlug(command.tenant())
                .orElseThrow(() -> new InvalidInputException("sessions.unknown_tenant", "tenant", "tenant does not exist"));
        Optional<String> hash = hashing.hash(command.password());
        if (hash.isEmpty()) {
            return new Busy();
        }
        UserId id = UserId.random();
        TenantContext.runAs(tenant.id(), () -> users.create(
                new User(id, command.email(), hash.get(), clock.now().truncatedTo(ChronoUnit.MILLIS))));
        return new Registered(id);
    }
}
