package dev.strata.domain.identity.port;

import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.User;
import dev.strata.domain.shared.UserId;
import java.util.Optional;

/** Driven port: durable store of a tenant's end users. Works inside the current tenant context. */
public interface UserDirectory {
    /** Stores a new user; throws {@link dev.strata.domain.shared.ConflictException} when the email is taken. */
    void create(User user);

    Optional<User> findByEmail(Email email);

    Optional<User> findById(UserId id);

    /** Replaces the user's password hash; false when the user does not exist. */
    boolean changePassword(UserId id, String passwordHash);
}
