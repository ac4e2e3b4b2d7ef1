package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Value object: a metadata filter — conditions on top-level metadata fields, all of which must hold (AND).
 * The empty filter matches everything. Build it from a parsed JSON object with {@link #parse}:
 * {@code {"lang": "de", "year": {"$gte": 2020, "$lt": 2025}, "tag": {"$in": ["a", "b"]}, "draft": {"$ne": true}}}.
 */
public record MetadataFilter(List<Condition> conditions) {
    public static final MetadataFilter NONE = new MetadataFilter(List.of());
    /** The most values one {@code $in} may list. */
    public static final int MAX_VALUES = 1000;
    /** The most conditions one filter may hold. */
    public static final int MAX_CONDITIONS = 64;

    /** A comparison of one field. */
    public enum Operator {
        EQ("$eq"), NE("$ne"), IN("$in"), GT("$gt"), GTE("$gte"), LT("$lt"), LTE("$lte");

        private final String wire;

        Operator(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** True for {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}: numbers with numbers, text with text. */
        public boolean isOrdering() {
            return this == GT || this == GTE || this == LT || this == LTE;
        }

        static Operator fromWire(String field, String text) {
            for (Operator operator : values()) {
                if (operator.wire.equals(text)) {
                    return operator;
                }
            }
            throw new InvalidInputException(field, field + " is not a supported operator"
                    + " ($eq, $ne, $in, $gt, $gte, $lt, $lte)");
        }
    }

    /**
     * One condition: {@code field} compared by {@code operator} with {@code values} (one value, or 1–1000 for
     * {@code $in}). {@code $ne} also matches items that lack the field; every other operator needs the field,
     * and ordering operators compare numbers with numbers and text with text (by code point), nothing else.
     */
    public record Condition(String field, Operator operator, List<MetadataValue> values) {
        public Condition {
            Metadata.requireFieldName("filter", field);
            if (operator == null) {
                throw new InvalidInputException("filter." + field, "filter." + field + " needs an operator");
            }
            String name = "filter." + field + "." + operator.wire();
            if (values == null || values.isEmpty() || values.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidInputException(name, name + " needs a value");
            }
            if (operator == Operator.IN ? values.size() > MAX_VALUES : values.size() != 1) {
                throw new InvalidInputException(name, operator == Operator.IN
                        ? name + " must list 1-" + MAX_VALUES + " values" : name + " takes one value");
            }
            if (operator.isOrdering() && values.get(0) instanceof MetadataValue.Bool) {
                throw new InvalidInputException(name, name + " compares numbers or text, not booleans");
            }
            values = operator == Operator.IN ? List.copyOf(new LinkedHashSet<>(values)) : List.copyOf(values);
        }

        /** The single value of a condition other than {@code $in}. */
        public MetadataValue value() {
            return values.get(0);
        }

        public boolean matches(Metadata metadata) {
            MetadataValue actual = metadata.fields().get(field);
            return switch (operator) {
                case EQ -> value().equals(actual);
                case NE -> !value().equals(actual);
                case IN -> actual != null && values.contains(actual);
                case GT, GTE, LT, LTE -> {
                    Integer order = compare(actual, value());
                    yield order != null && switch (operator) {
                        case GT -> order > 0;
                        case GTE -> order >= 0;
                        case LT -> order < 0;
                        default -> order <= 0;
                    };
                }
            };
        }

        private static Integer compare(MetadataValue actual, MetadataValue bound) {
            if (actual instanceof MetadataValue.Numeric a && bound instanceof MetadataValue.Numeric b) {
                return a.value().compareTo(b.value());
            }
            if (actual instanceof MetadataValue.Text a && bound instanceof MetadataValue.Text b) {
                return compareCodePoints(a.value(), b.value());
            }
            return null;
        }
    }

    public MetadataFilter {
        if (conditions == null) {
            throw new InvalidInputException("filter", "filter must not be null");
        }
        if (conditions.size() > MAX_CONDITIONS) {
            throw new InvalidInputException("filter", "filter must hold at most " + MAX_CONDITIONS + " conditions");
        }
        conditions = List.copyOf(conditions);
    }

    /** Equality on one field. */
    public static MetadataFilter equal(String field, MetadataValue value) {
        return of(new Condition(field, Operator.EQ, List.of(value)));
    }

    public static MetadataFilter of(Condition... conditions) {
        return new MetadataFilter(List.of(conditions));
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    public boolean matches(Metadata metadata) {
        return conditions.stream().allMatch(condition -> condition.matches(metadata));
    }

    /**
     * Parses a filter from a JSON object as the edge decoded it (maps, lists, strings, numbers, booleans).
     * A field maps to a scalar (equality) or to an object of operators; anything else — nested objects,
     * operators inside operators, unknown operators, arrays outside {@code $in}, null, field names outside
     * {@code ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$} — is an {@link InvalidInputException} naming the field.
     * {@code null} is the empty filter.
     */
    public static MetadataFilter parse(Object json) {
        if (json == null) {
            return NONE;
        }
        if (!(json instanceof Map<?, ?> object)) {
            throw new InvalidInputException("filter", "filter must be a JSON object");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (!(entry.getKey() instanceof String field) || !Metadata.isFieldName(field)) {
                throw new InvalidInputException("filter", "filter field " + quoted(entry.getKey())
                        + " is not a field name (^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$)");
            }
            String name = "filter." + field;
            if (entry.getValue() instanceof Map<?, ?> operators) {
                if (operators.isEmpty()) {
                    throw new InvalidInputException(name, name + " must hold at least one operator");
                }
                for (Map.Entry<?, ?> op : operators.entrySet()) {
                    if (!(op.getKey() instanceof String key) || !key.startsWith("$")) {
                        throw new InvalidInputException(name, name + " is an object: nested fields are not supported,"
                                + " only operators ($eq, $ne, $in, $gt, $gte, $lt, $lte)");
                    }
                    Operator operator = Operator.fromWire(name + "." + abbreviate(key), key);
                    String opName = name + "." + operator.wire();
                    List<MetadataValue> values = new ArrayList<>();
                    if (operator == Operator.IN) {
                        if (!(op.getValue() instanceof List<?> list)) {
                            throw new InvalidInputException(opName, opName + " must be an array of values");
                        }
                        for (Object item : list) {
                            values.add(scalar(opName, item));
                        }
                    } else {
                        values.add(scalar(opName, op.getValue()));
                    }
                    conditions.add(new Condition(field, operator, values));
                }
            } else {
                conditions.add(new Condition(field, Operator.EQ, List.of(scalar(name, entry.getValue()))));
            }
            if (conditions.size() > MAX_CONDITIONS) {
                throw new InvalidInputException("filter", "filter must hold at most " + MAX_CONDITIONS + " conditions");
            }
        }
        return new MetadataFilter(conditions);
    }

    private static MetadataValue scalar(String name, Object value) {
        if (value instanceof String text) {
            if (text.length() > MetadataValue.MAX_TEXT_LENGTH) {
                throw new InvalidInputException(name, name + " must be at most " + MetadataValue.MAX_TEXT_LENGTH + " characters");
            }
            return MetadataValue.of(text);
        }
        if (value instanceof Boolean flag) {
            return MetadataValue.of(flag);
        }
        if (value instanceof BigDecimal number) {
            return MetadataValue.of(number);
        }
        if (value instanceof BigInteger number) {
            return MetadataValue.of(new BigDecimal(number));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return MetadataValue.of(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new InvalidInputException(name, name + " must be a finite number");
            }
            return MetadataValue.of(BigDecimal.valueOf(number));
        }
        if (value instanceof Map<?, ?>) {
            throw new InvalidInputException(name, name + " must be a string, number or boolean: nested operators are not supported");
        }
        if (value instanceof List<?>) {
            throw new InvalidInputException(name, name + " must be a string, number or boolean (a list needs $in)");
        }
        throw new InvalidInputException(name, name + " must be a string, number or boolean");
    }

    /** Compares by Unicode code point, as Postgres does under the "C" collation for UTF-8 text. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static String quoted(Object key) {
        return key instanceof String text ? "\"" + abbreviate(text) + "\"" : "(not a string)";
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        StringBuilder clean = new StringBuilder();
        shown.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
