package dev.strata.application.secrets.port;

import dev.strata.domain.secrets.SecretValueTooLargeException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Command: create secret {@code name} with {@code value} (32 random bytes, base64url, when absent), optional
 * description and owning service, and rotation period and version limit (the settings' defaults when absent).
 */
public record CreateSecretCommand(ResourceName name, Optional<String> value, Optional<String> description,
                                  Optional<String> service, OptionalInt rotationPeriodDays, OptionalInt maxVersions,
                                  SecretCaller caller) {
    /** Names no secret may take: they are routes under {@code /v1/secrets} ({@code GET /v1/secrets/audit}). */
    public static final Set<String> RESERVED_NAMES = Set.of("audit");

    public CreateSecretCommand {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        if (RESERVED_NAMES.contains(name.value())) {
            throw new InvalidInputException("name", "'" + name.value() + "' is reserved: GET /v1/secrets/" + name.value()
                    + " is another route");
        }
        value = checkValue(value);
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(service, "service must not be null");
        Objects.requireNonNull(rotationPeriodDays, "rotationPeriodDays must not be null");
        Objects.requireNonNull(maxVersions, "maxVersions must not be null");
        Objects.requireNonNull(caller, "caller must not be null");
    }


    /** At most 64 KiB of UTF-8 (413 beyond). */
    static Optional<String> checkValue(Optional<String> value) {
        if (value == null) {
            throw new InvalidInputException("value", "value must not be null (use Optional.empty())");
        }
        value.ifPresent(text -> {
            // a cheap bound first: a UTF-8 char takes at least one byte
            if (text.length() > SecretValueTooLargeException.MAX_VALUE_BYTES
                    || text.getBytes(StandardCharsets.UTF_8).length > SecretValueTooLargeException.MAX_VALUE_BYTES) {
                throw new SecretValueTooLargeException();
            }
        });
        return value;
    }

    @Override
    public String toString() {
        return "CreateSecretCommand[name=" + name + ", value=" + (value.isPresent() ? "<hidden>" : "<generated>") + ", caller=" + caller + "]";
    }
}
