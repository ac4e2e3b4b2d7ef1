package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Locale;

/** Value object: where a new consumer group starts reading — after the topic's last event, or at its first. */
public enum StartAt {
    LATEST, EARLIEST;

    /** Parses the wire value ({@code latest} | {@code earliest}); absent means {@code latest}. */
    public static StartAt parse(String wire) {
        if (wire == null) {
            return LATEST;
        }
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "latest" -> LATEST;
            case "earliest" -> EARLIEST;
            default -> throw new InvalidInputException("startAt", "startAt must be 'latest' or 'earliest'");
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
