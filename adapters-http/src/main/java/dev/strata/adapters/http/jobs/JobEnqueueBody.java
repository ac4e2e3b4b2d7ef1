package dev.strata.adapters.http.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.strata.adapters.http.fastpath.StrictJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/**
 * HTTP adapter helper of {@link JobEnqueueFastRoute}: reads the body of a plain enqueue into the very
 * {@link JobRequests.Enqueue} Micronaut's binding would give the controller, or answers null, and Micronaut then
 * reads (or refuses) the body itself. It takes only what it is sure of: UTF-8 text that is one JSON object of the
 * request's fields, each once and of its own kind — {@code type}, {@code runAt}, {@code uniqueKey} strings;
 * {@code priority}, {@code maxAttempts}, {@code timeoutSeconds} whole numbers within 32 bits as written,
 * {@code delaySeconds} within 64; {@code secretPayload} a boolean; {@code backoff} an object of {@code type} (a
 * string), {@code baseSeconds} and {@code maxSeconds} (whole numbers within 32 bits); any of these also
 * {@code null} — and {@code payload}, any JSON value but {@code null} without an integer beyond 64 bits. No other
 * field, no name twice at any depth, nothing after it; then read with the application's own {@link JsonMapper}.
 * Whatever else — an unknown field, a number Micronaut might coerce or refuse, a {@code null} payload — is
 * Micronaut's. The fields' values are checked by the route with the controller's own code
 * ({@link JobsController#spec}).
 */
final class JobEnqueueBody {
    private static final Argument<JobRequests.Enqueue> REQUEST = Argument.of(JobRequests.Enqueue.class);

    private JobEnqueueBody() {
    }

    /** The request in {@code body}, or null when it is anything but the plain case. */
    @Nullable
    static JobRequests.Enqueue read(byte[] body, JsonMapper json) {
        return StrictJson.read(body, JobEnqueueBody::field, json, REQUEST);
    }

    /** One field of the body: only the request's, of the plain kinds (each once: the reader refuses a name twice). */
    private static boolean field(JsonParser parser, String name, JsonToken value) throws IOException {
        if (name.equals("payload")) {
            return value != JsonToken.VALUE_NULL && StrictJson.plainValue(parser, value);
        }
        if (value == JsonToken.VALUE_NULL) {
            // null stays "absent" for every other field
            return name.equals("type") || name.equals("runAt") || name.equals("uniqueKey") || name.equals("priority")
                    || name.equals("maxAttempts") || name.equals("timeoutSeconds") || name.equals("delaySeconds")
                    || name.equals("secretPayload") || name.equals("backoff");
        }
        return switch (name) {
            case "type", "runAt", "uniqueKey" -> value == JsonToken.VALUE_STRING;
            case "priority", "maxAttempts", "timeoutSeconds" -> StrictJson.intValue(parser, value);
            case "delaySeconds" -> StrictJson.longValue(parser, value);
            case "secretPayload" -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
            case "backoff" -> value == JsonToken.START_OBJECT && StrictJson.fields(parser, JobEnqueueBody::backoffField);
            default -> false;
        };
    }

    /** One field of the backoff object: {@code type}, {@code baseSeconds}, {@code maxSeconds} only. */
    private static boolean backoffField(JsonParser parser, String name, JsonToken value) throws IOException {
        return switch (name) {
            case "type" -> value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL;
            case "baseSeconds", "maxSeconds" -> value == JsonToken.VALUE_NULL || StrictJson.intValue(parser, value);
            default -> false;
        };
    }
}
