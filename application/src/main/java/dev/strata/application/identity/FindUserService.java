package dev.strata.application.identity;

import dev.strata.application.identity.port.FindUserQuery;
import dev.strata.application.identity.port.FindUserUseCase;
import dev.strata.domain.identity.port.UserDirectory;
import java.util.Optional;

/** Service implementing {@link FindUserUseCase}. */
public class FindUserService implements FindUserUseCase {
    private final UserDirectory users;

    public FindUserService(UserDirectory users) {
        this.users = users;
    }

    @Override
    public Optional<UserView> findUser(FindUserQuery query) {
        return users.findById(query.userId()).map(user -> new UserView(user.id(), user.email()));
    }
}
