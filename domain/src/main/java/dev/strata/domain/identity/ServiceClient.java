package dev.strata.domain.identity;

import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Entity: a service client of a tenant (OAuth2 client credentials). Holds only a slow hash of
 * its secret; the plain secret exists once, in the response that created it.
 */
public record ServiceClient(ClientId id, TenantId tenantId, String name, Set<Scope> scopes,
                            String secretHash, Instant createdAt) {
    public ServiceClient {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(secretHash, "secretHash must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        name = validName(name);
        Objects.requireNonNull(scopes, "scopes must not be null");
        if (scopes.contains(Scope.USER)) {
            throw new InvalidInputException("scopes", "scope 'user' is reserved for end-user tokens");
        }
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** Client names are free text for people: 1–100 printable characters. */
    public static String validName(String name) {
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "name must be 1-100 printable characters");
        }
        return name.strip();
    }
}
