package dev.strata.adapters.http.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.strata.adapters.http.fastpath.StrictJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/**
 * HTTP adapter helper of {@link JobCompleteFastRoute}: reads the body of a plain completion into the very
 * {@link JobRequests.Complete} Micronaut's binding would give the controller, or answers null, and Micronaut then
 * reads (or refuses) the body itself. It takes only what it is sure of: UTF-8 text that is one JSON object with
 * {@code worker} (a string) and optionally {@code result} (any JSON value but {@code null}, no integer beyond
 * 64 bits), each once, no other field, no name twice at any depth, nothing after it; read with the application's
 * own {@link JsonMapper}. Whatever else — no worker, a {@code null} result, an unknown field — is Micronaut's.
 */
final class JobCompleteBody {
    private static final Argument<JobRequests.Complete> REQUEST = Argument.of(JobRequests.Complete.class);

    private JobCompleteBody() {
    }

    /** The request in {@code body}, or null when it is anything but the plain case. */
    @Nullable
    static JobRequests.Complete read(byte[] body, JsonMapper json) {
        JobRequests.Complete request = StrictJson.read(body, JobCompleteBody::plain, json, REQUEST);
        return request != null && request.worker() != null ? request : null;
    }

    /** One field of the body: {@code worker} or {@code result}, of the plain kinds. */
    private static boolean plain(JsonParser parser, String name, JsonToken value) throws IOException {
        return switch (name) {
            case "worker" -> value == JsonToken.VALUE_STRING;
            case "result" -> value != JsonToken.VALUE_NULL && StrictJson.plainValue(parser, value);
            default -> false;
        };
    }
}
