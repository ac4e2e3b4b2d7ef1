package dev.strata.application.sessions.port;

/** Command: trade a refresh token for a new pair. Raw string: a malformed token is a 401, not a 400. */
public record RefreshSessionCommand(String refreshToken) {
    @Override
    public String toString() {
        return "RefreshSessionCommand[refreshToken=<redacted>]";
    }
}
