package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Value object: a search filter — for each named field, the values it may equal ({@code $in}); all fields
 * must match (AND). An item lacking a filtered field does not match. The empty filter matches everything.
 */
public record MetadataFilter(Map<String, Set<MetadataValue>> anyOf) {
    public static final MetadataFilter NONE = new MetadataFilter(Map.of());
    public static final int MAX_VALUES = 1000;

    public MetadataFilter {
        if (anyOf == null) {
            throw new InvalidInputException("filter", "filter must not be null");
        }
        if (anyOf.size() > Metadata.MAX_FIELDS) {
            throw new InvalidInputException("filter", "filter must name at most " + Metadata.MAX_FIELDS + " fields");
        }
        anyOf.forEach((name, values) -> {
            Metadata.requireFieldName("filter", name);
            if (values == null || values.isEmpty() || values.size() > MAX_VALUES) {
                throw new InvalidInputException("filter", "filter." + name + " must list 1-" + MAX_VALUES + " values");
            }
        });
        anyOf = anyOf.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Set.copyOf(entry.getValue())));
    }

    /** Equality on one field. */
    public static MetadataFilter equal(String field, MetadataValue value) {
        return new MetadataFilter(Map.of(field, Set.of(value)));
    }

    public boolean isEmpty() {
        return anyOf.isEmpty();
    }

    public boolean matches(Metadata metadata) {
        return anyOf.entrySet().stream().allMatch(condition -> {
            MetadataValue actual = metadata.fields().get(condition.getKey());
            return actual != null && condition.getValue().contains(actual);
        });
    }
}
