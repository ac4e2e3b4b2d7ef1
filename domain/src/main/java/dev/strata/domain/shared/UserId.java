package dev.strata.domain.shared;


/**
 * Value object: the identifier of an end user within a tenant — generated for registered users, or
 * chosen by the tenant's own system when it creates sessions for its users (1–128 printable characters).
 */
public record UserId(String value) {
    public static final int MAX_LENGTH = 128;

    public UserId {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || value.isBlank()
                || !value.strip().equals(value) || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("userId",
                    "userId must be 1-" + MAX_LENGTH + " printable characters without surrounding spaces");
        }
    }

    /** A new identifier for a registered user ({@code usr_} + 128 random bits). */
    public static UserId random() {
        return new UserId("usr_" + RandomTokens.next(16));
    }

    @Override
    public String toString() {
        return value;
    }
}
