package dev.strata.domain.identity;

import dev.strata.domain.shared.InvalidInputException;
import java.util.regex.Pattern;

/** Value object: a tenant's human-readable, unique, URL-safe name ({@code demo}, {@code acme-prod}). */
public record TenantSlug(String value) {
    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    public TenantSlug {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("tenant", "tenant must match ^[a-z0-9][a-z0-9-]{1,62}$");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
