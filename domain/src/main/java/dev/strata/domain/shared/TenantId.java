package dev.strata.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Value object: the identity of a tenant; every stored byte belongs to exactly one. */
public record TenantId(UUID value) {
    public TenantId {
        Objects.requireNonNull(value, "tenantId must not be null");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    /** Parses a tenant id; throws {@link InvalidInputException} naming the argument when malformed. */
    public static TenantId parse(String text) {
        try {
            return new TenantId(UUID.fromString(Objects.requireNonNull(text, "tenantId must not be null")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("tenantId", "tenantId must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
