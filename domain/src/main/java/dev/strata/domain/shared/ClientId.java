package dev.strata.domain.shared;


/** Value object: the public identifier of a service client ({@code sc_} + 128 random bits). */
public record ClientId(String value) {
    public ClientId {
        if (!isWellFormed(value)) {
            throw new InvalidInputException("clientId", "clientId is not a valid client id");
        }
    }

    public static ClientId random() {
        return new ClientId("sc_" + RandomTokens.next(16));
    }

    /** True when {@code text} has the shape of a client id; lets callers answer 401/404 without an exception. */
    public static boolean isWellFormed(String text) {
        return RandomTokens.hasShape(text, "sc_", 22, 22);
    }

    @Override
    public String toString() {
        return value;
    }
}
