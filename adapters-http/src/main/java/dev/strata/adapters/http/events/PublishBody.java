package dev.strata.adapters.http.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.strata.adapters.http.fastpath.StrictJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/**
 * HTTP adapter helper of {@link PublishFastPath}: reads the body of a plain publish into the very
 * {@link PublishEventRequest} Micronaut's binding and validation would give the controller, or answers null, and
 * Micronaut then reads (or refuses) the body itself. It takes only what it is sure of: UTF-8 text that is one JSON
 * object with {@code type} (a string), {@code data} (any JSON value but {@code null}) and optionally {@code subject}
 * (a string, or {@code null}), each once, no other field, no name twice at any depth, no integer beyond 64 bits;
 * read with the application's own {@link JsonMapper} (the one that binds the controller's body and encodes its
 * {@code data}), and valid by the request's constraints as they stand. Whatever else — a field of another type
 * Micronaut might coerce, an unknown field, a blank type — is Micronaut's, so every 400 keeps its one wording.
 */
final class PublishBody {
    private static final Argument<PublishEventRequest> REQUEST = Argument.of(PublishEventRequest.class);
    /** {@code @Size(max = 256)} of {@link PublishEventRequest#type()}. */
    static final int MAX_TYPE = 256;
    /** {@code @Size(min = 1, max = 1024)} of {@link PublishEventRequest#subject()}. */
    static final int MAX_SUBJECT = 1024;

    private PublishBody() {
    }

    /** The request in {@code body}, or null when it is anything but the plain case. */
    @Nullable
    static PublishEventRequest read(byte[] body, JsonMapper json) {
        PublishEventRequest request = StrictJson.read(body, PublishBody::plain, json, REQUEST);
        return request != null && valid(request) ? request : null;
    }

    /** One field of the body: only the known ones, of the plain kinds (each once: the reader refuses a name twice). */
    private static boolean plain(JsonParser parser, String name, JsonToken value) throws IOException {
        return switch (name) {
            case "type" -> value == JsonToken.VALUE_STRING;
            case "subject" -> value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL;
            case "data" -> value != JsonToken.VALUE_NULL && StrictJson.plainValue(parser, value);
            default -> false;
        };
    }

    /** The request's constraints ({@code @NotBlank}, {@code @Size}, {@code @NotNull}), where they surely hold. */
    static boolean valid(PublishEventRequest request) {
        String type = request.type();
        String subject = request.subject();
        return type != null && type.length() <= MAX_TYPE && surelyNotBlank(type)
                && request.data() != null && !request.data().isNull()
                && (subject == null || !subject.isEmpty() && subject.length() <= MAX_SUBJECT);
    }

    /** Not blank by any reading of "blank" ({@code trim}, {@code strip}, Unicode spaces). */
    private static boolean surelyNotBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > ' ' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }
}
