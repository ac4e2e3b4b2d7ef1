package dev.strata.adapters.http.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * HTTP adapter: request bodies take booleans and whole numbers only as what they are. Micronaut's
 * deserializers coerce: {@code "durable": "maybe"} became {@code false}, {@code "defaultTtlSeconds": true}
 * became 1, {@code 60.7} became 60 and {@code "60"} became 60. Here a {@code Boolean} field takes a JSON
 * boolean, an {@code Integer} or {@code Long} field a JSON number with no fraction that fits; anything else
 * is a 400 problem ({@code http.invalid_body}) like any other body of the wrong shape. {@code null} stays
 * "absent". These beans replace Micronaut's own for the three types, everywhere.
 */
public final class StrictJsonScalars {
    private StrictJsonScalars() {
    }

    /** {@code true} or {@code false}. */
    @Singleton
    @Primary
    static final class StrictBoolean implements Deserializer<Boolean> {
        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (!node.isBoolean()) {
                throw decoder.createDeserializationException("expected true or false", null);
            }
            return node.getBooleanValue();
        }
    }

    /** A whole number within {@code int}. */
    @Singleton
    @Primary
    static final class StrictInteger implements Deserializer<Integer> {
        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            return (int) whole(decoder, Integer.MIN_VALUE, Integer.MAX_VALUE, 32);
        }
    }

    /** A whole number within {@code long}. */
    @Singleton
    @Primary
    static final class StrictLong implements Deserializer<Long> {
        @Override
        public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
            return whole(decoder, Long.MIN_VALUE, Long.MAX_VALUE, 64);
        }
    }

    /** The next value as a number without a fraction ({@code 60} or {@code 60.0}, not {@code 60.7} nor {@code "60"}) in range. */
    private static long whole(Decoder decoder, long min, long max, int bits) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isNumber()) {
            throw decoder.createDeserializationException("expected a number", null);
        }
        BigDecimal value = node.getBigDecimalValue();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw decoder.createDeserializationException("expected a whole number", null);
        }
        try {
            long whole = value.longValueExact();
            if (whole >= min && whole <= max) {
                return whole;
            }
        } catch (ArithmeticException e) {
            // beyond 64 bits
        }
        throw decoder.createDeserializationException("expected a whole number within " + bits + " bits", null);
    }
}
