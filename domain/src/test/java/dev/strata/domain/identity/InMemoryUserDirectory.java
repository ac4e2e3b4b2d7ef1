package dev.strata.domain.identity;

import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link UserDirectory}: one map per tenant. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory {
    private final Map<TenantId, Map<UserId, User>> byTenant = new HashMap<>();

    @Override
    public synchronized void create(User user) {
        Map<UserId, User> users = partition();
        if (users.values().stream().anyMatch(u -> u.email().equals(user.email())) || users.containsKey(user.id())) {
            throw new ConflictException("sessions.email_taken", "a user with this email already exists");
        }
        users.put(user.id(), user);
    }

    @Override
    public synchronized Optional<User> findByEmail(Email email) {
        return partition().values().stream().filter(u -> u.email().equals(email)).findFirst();
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(partition().get(id));
    }

    @Override
    public synchronized boolean changePassword(UserId id, String passwordHash) {
        User user = partition().get(id);
        if (user == null) {
            return false;
        }
        partition().put(id, new User(id, user.email(), passwordHash, user.createdAt()));
        return true;
    }

    private Map<UserId, User> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}
