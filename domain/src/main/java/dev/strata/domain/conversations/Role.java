package dev.strata.domain.conversations;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Value object: who wrote a message, as written on the wire ({@code user}, {@code assistant}, ...). */
public enum Role {
    USER("user"),
    ASSISTANT("assistant"),
    SYSTEM("system"),
    TOOL("tool");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses the wire name; anything else is a 400 naming {@code field}. */
    public static Role fromWire(String field, String text) {
        for (Role role : values()) {
            if (role.wire.equals(text)) {
                return role;
            }
        }
        throw new InvalidInputException(field, field + " must be one of "
                + Arrays.stream(values()).map(Role::wire).collect(Collectors.joining(", ")));
    }
}
