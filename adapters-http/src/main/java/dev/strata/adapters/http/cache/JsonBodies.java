package dev.strata.adapters.http.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.strata.application.cache.port.CacheEntries;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.shared.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP adapter helper: checks that a body is exactly one well-formed JSON document by streaming over it
 * (it is never re-serialised: what is stored is the client's bytes), and writes the {@code mget} answer
 * with the stored values embedded verbatim.
 */
final class JsonBodies {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonBodies() {
    }

    /** The body unchanged, or invalid input when it is not exactly one JSON value in UTF-8. */
    static byte[] requireJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("cache.invalid_value", "value", "the body must be a JSON value");
        }
        try {
            // decode strictly first: Jackson would also accept UTF-16/32, which would not round-trip as UTF-8 JSON
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            try (JsonParser parser = FACTORY.createParser(body)) {
                if (parser.nextToken() == null) {
                    throw new InvalidInputException("cache.invalid_value", "value", "the body must be a JSON value");
                }
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    throw new InvalidInputException("cache.invalid_value", "value", "the body must be exactly one JSON value");
                }
            }
            return body;
        } catch (IOException e) {
            throw new InvalidInputException("cache.invalid_value", "value", "the body is not well-formed JSON (UTF-8)");
        }
    }

    /** {@code {"values": {key: value, ...}, "missing": [key, ...]}} with values exactly as stored. */
    static byte[] mget(CacheEntries entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeFieldName("values");
            json.writeStartObject();
            for (Map.Entry<String, CacheEntry> found : entries.found().entrySet()) {
                json.writeFieldName(found.getKey());
                json.writeRawValue(found.getValue().value().asUtf8());
            }
            json.writeEndObject();
            json.writeFieldName("missing");
            json.writeStartArray();
            for (String key : entries.missing()) {
                json.writeString(key);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
