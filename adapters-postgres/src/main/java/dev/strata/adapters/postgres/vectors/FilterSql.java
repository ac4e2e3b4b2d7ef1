package dev.strata.adapters.postgres.vectors;

import dev.strata.domain.vectors.Metadata;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.MetadataValue;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Compiles a {@link MetadataFilter} to a parameterised SQL condition on the {@code metadata} jsonb column. Values
 * and field names are always parameters, never SQL text. Equality, {@code $in} and {@code $ne} use containment
 * ({@code @>}), which the jsonb_path_ops GIN index serves; ordering compares numbers as numeric and text under
 * the "C" collation (code point order), and a value of the other JSON type never matches.
 */
record FilterSql(String sql, List<Object> parameters) {
    static final FilterSql NONE = new FilterSql("true", List.of());

    static FilterSql of(MetadataFilter filter) {
        if (filter.isEmpty()) {
            return NONE;
        }
        StringJoiner sql = new StringJoiner(" and ", "(", ")");
        List<Object> parameters = new ArrayList<>();
        for (MetadataFilter.Condition condition : filter.conditions()) {
            // the domain checked the name; checked again here because it reaches the database
            String field = Metadata.requireFieldName("filter", condition.field());
            switch (condition.operator()) {
                case EQ -> {
                    sql.add("metadata @> cast(? as jsonb)");
                    parameters.add(MetadataJson.single(field, condition.value()));
                }
                case NE -> {
                    sql.add("not (metadata @> cast(? as jsonb))");
                    parameters.add(MetadataJson.single(field, condition.value()));
                }
                case IN -> {
                    StringJoiner any = new StringJoiner(" or ", "(", ")");
                    for (MetadataValue value : condition.values()) {
                        any.add("metadata @> cast(? as jsonb)");
                        parameters.add(MetadataJson.single(field, value));
                    }
                    sql.add(any.toString());
                }
                case GT, GTE, LT, LTE -> {
                    String comparison = switch (condition.operator()) {
                        case GT -> ">";
                        case GTE -> ">=";
                        case LT -> "<";
                        default -> "<=";
                    };
                    if (condition.value() instanceof MetadataValue.Numeric number) {
                        sql.add("(case when jsonb_typeof(metadata -> cast(? as text)) = 'number' then"
                                + " cast(metadata ->> cast(? as text) as numeric) end) " + comparison + " ?");
                        parameters.add(field);
                        parameters.add(field);
                        parameters.add(number.value());
                    } else if (condition.value() instanceof MetadataValue.Text text) {
                        sql.add("(case when jsonb_typeof(metadata -> cast(? as text)) = 'string' then"
                                + " metadata ->> cast(? as text) end) collate \"C\" " + comparison + " cast(? as text)");
                        parameters.add(field);
                        parameters.add(field);
                        parameters.add(text.value());
                    } else {
                        throw new IllegalArgumentException("ordering on a boolean");
                    }
                }
            }
        }
        return new FilterSql(sql.toString(), List.copyOf(parameters));
    }

    /** Binds the parameters from position {@code first}; answers the next free position. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        int position = first;
        for (Object parameter : parameters) {
            statement.setObject(position++, parameter);
        }
        return position;
    }
}
