package dev.strata.adapters.http.fastpath;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * HTTP adapter helper of the body readers of the {@link FastRoute}s: the strict reading they share before a body
 * goes to the application's own mapper. A reader takes a body only when it is sure Micronaut would bind it the same
 * way: well-formed UTF-8 without a byte-order mark or a NUL, read by a parser that refuses a name twice at any depth,
 * values of the plain kinds (no integer beyond 64 bits). Whatever else is Micronaut's to read or refuse.
 */
public final class StrictJson {
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    /** Whether one field of an object, its value's first token just read, is of a kind the reader is sure of. */
    @FunctionalInterface
    public interface Field {
        /**
         * True when the field is plain; a value that is an object or an array is read to its end here (with
         * {@link #plainValue} or {@link #fields}).
         */
        boolean plain(JsonParser parser, String name, JsonToken value) throws IOException;
    }

    /**
     * The body bound by the application's {@code json} mapper as {@code type}, when it is well-formed UTF-8 and one
     * JSON object whose every field {@code fields} finds plain, with nothing after it; else null.
     */
    @Nullable
    public static <T> T read(byte[] body, Field fields, JsonMapper json, Argument<T> type) {
        if (!utf8(body) || !object(body, fields)) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True when {@code body} is one JSON object whose every field {@code fields} finds plain, nothing after it. */
    public static boolean object(byte[] body, Field fields) {
        try (JsonParser parser = STRICT.createParser(body)) {
            return parser.nextToken() == JsonToken.START_OBJECT && fields(parser, fields) && parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            // not JSON, a name twice, too deep: Micronaut's to read or refuse
            return false;
        }
    }

    /** The fields of the object whose opening brace was just read, to its closing one: true when all are plain. */
    public static boolean fields(JsonParser parser, Field fields) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                return false;
            }
            String name = parser.currentName();
            if (!fields.plain(parser, name, parser.nextToken())) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code body} is well-formed UTF-8 without a byte-order mark or a NUL. */
    public static boolean utf8(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return false;
            }
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Walks the value that starts with {@code first} (the parser's current token) to its end: false at an integer
     * beyond 64 bits or a value that never ends.
     */
    public static boolean plainValue(JsonParser parser, JsonToken first) throws IOException {
        int depth = 0;
        JsonToken token = first;
        while (true) {
            if (token == null) {
                return false;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return false;
            }
            if (depth == 0) {
                return true;
            }
            token = parser.nextToken();
        }
    }

    /** True for a whole number that fits an {@code int}, as written (no fraction, no exponent). */
    public static boolean intValue(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT;
    }

    /** True for a whole number that fits a {@code long}, as written (no fraction, no exponent). */
    public static boolean longValue(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NUMBER_INT && (parser.getNumberType() == JsonParser.NumberType.INT
                || parser.getNumberType() == JsonParser.NumberType.LONG);
    }
}
