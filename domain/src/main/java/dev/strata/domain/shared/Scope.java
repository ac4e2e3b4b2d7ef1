package dev.strata.domain.shared;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Value object: a permission carried by a token, as written on the wire ({@code cache:read}). */
public enum Scope {
    CACHE_READ("cache:read"),
    CACHE_WRITE("cache:write"),
    SESSIONS_READ("sessions:read"),
    SESSIONS_WRITE("sessions:write"),
    RATELIMIT("ratelimit"),
    VECTORS_READ("vectors:read"),
    VECTORS_WRITE("vectors:write"),
    SECRETS_READ("secrets:read"),
    SECRETS_WRITE("secrets:write"),
    SECRETS_REVEAL("secrets:reveal"),
    EVENTS_PUBLISH("events:publish"),
    EVENTS_CONSUME("events:consume"),
    CONVERSATIONS_ADMIN("conversations:admin"),
    JOBS_ENQUEUE("jobs:enqueue"),
    JOBS_WORK("jobs:work"),
    ADMIN("admin"),
    USER("user");

    private static final Map<String, Scope> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Scope::wire, Function.identity()));

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Scope> fromWire(String text) {
        return Optional.ofNullable(BY_WIRE.get(text));
    }

    /** Every scope a service client may hold (all but {@code user}, which only end-user tokens carry). */
    public static Set<Scope> clientScopes() {
        EnumSet<Scope> all = EnumSet.allOf(Scope.class);
        all.remove(USER);
        return all;
    }

    /** Parses wire names; an unknown name is a 400 naming {@code field}. */
    public static Set<Scope> parseAll(String field, Collection<String> names) {
        EnumSet<Scope> result = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            result.add(fromWire(name).orElseThrow(
                    () -> new InvalidInputException(field, field + " contains an unknown scope: " + printable(name))));
        }
        return result;
    }

    /** Space-separated wire form, as in the JWT {@code scope} claim. */
    public static String join(Collection<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).collect(Collectors.joining(" "));
    }

    private static String printable(String name) {
        if (name == null) {
            return "null";
        }
        String clipped = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return clipped.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
