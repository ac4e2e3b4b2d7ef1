package dev.strata.adapters.http.sessions;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.adapters.http.shared.PageResponse;
import dev.strata.application.sessions.port.CreateSessionCommand;
import dev.strata.application.sessions.port.EndUserSessionsCommand;
import dev.strata.application.sessions.port.ManageSessionsUseCase;
import dev.strata.application.sessions.port.PatchSessionCommand;
import dev.strata.application.sessions.port.SessionIdCommand;
import dev.strata.application.sessions.port.UserSessionsQuery;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** HTTP adapter: sessions of the caller's tenant ({@code /v1/sessions}, scopes {@code sessions:*}). */
@Controller("/v1/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sessions")
@SecurityRequirement(name = "bearerAuth")
public class SessionsController {
    private final ManageSessionsUseCase sessions;
    private final JsonMapper json;

    public SessionsController(ManageSessionsUseCase sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    @Operation(summary = "Start a session for a user (default TTL strata.sessions.ttl)")
    @Post
    @RequiresScope("sessions:write")
    public HttpResponse<SessionResponse> create(@Body @Valid CreateSessionRequest request) {
        Optional<byte[]> data = Optional.ofNullable(request.data()).filter(node -> !node.isNull()).map(this::bytes);
        Session session = sessions.create(new CreateSessionCommand(new UserId(request.userId()), data,
                Optional.ofNullable(request.ttlSeconds())));
        return HttpResponse.status(HttpStatus.CREATED).body(response(session));
    }

    @Operation(summary = "A live session; with sliding expiry on, the read extends it. 404 when unknown, expired or ended")
    @Get("/{id}")
    @RequiresScope("sessions:read")
    public SessionResponse get(@PathVariable String id) {
        return response(sessions.get(new SessionIdCommand(sessionId(id))).orElseThrow(SessionsController::notFound));
    }

    @Operation(summary = "JSON merge patch (RFC 7396) of the session's data")
    @Patch("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RequiresScope("sessions:write")
    public SessionResponse patch(@PathVariable String id, @Body String patch) {
        JsonNode patchNode = parse(patch.getBytes(StandardCharsets.UTF_8), "the patch is not well-formed JSON");
        return response(sessions.patch(new PatchSessionCommand(sessionId(id),
                        current -> bytes(mergePatch(parse(current, "stored data is not JSON"), patchNode))))
                .orElseThrow(SessionsController::notFound));
    }

    @Operation(summary = "End a session (gone from Redis and Postgres; a login session's tokens stop working)")
    @Delete("/{id}")
    @RequiresScope("sessions:write")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id) {
        if (!sessions.end(new SessionIdCommand(sessionId(id)))) {
            throw notFound();
        }
    }

    @Operation(summary = "The user's live sessions")
    @Get
    @RequiresScope("sessions:read")
    public PageResponse<SessionResponse> list(@QueryValue String userId, @QueryValue @Nullable Integer limit,
                                              @QueryValue @Nullable String cursor) {
        Page<Session> page = sessions.list(new UserSessionsQuery(new UserId(userId), PageRequest.of(limit, cursor)));
        return new PageResponse<>(page.items().stream().map(this::response).toList(), page.nextCursor().orElse(null));
    }

    @Operation(summary = "End every session of the user: {\"ended\": n}")
    @Delete
    @RequiresScope("sessions:write")
    public EndedResponse deleteAll(@QueryValue String userId) {
        return new EndedResponse(sessions.endAll(new EndUserSessionsCommand(new UserId(userId))));
    }

    /** RFC 7396: objects merge member by member, {@code null} removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        Map<String, JsonNode> result = new LinkedHashMap<>();
        if (target != null && target.isObject()) {
            for (Map.Entry<String, JsonNode> entry : target.entries()) {
                result.put(entry.getKey(), entry.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> entry : patch.entries()) {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.put(entry.getKey(), mergePatch(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return JsonNode.createObjectNode(result);
    }

    private SessionResponse response(Session session) {
        return new SessionResponse(session.id().value(), session.userId().value(), parse(session.data(), "stored data is not JSON"),
                session.createdAt(), session.expiresAt(), session.lastSeenAt());
    }

    private JsonNode parse(byte[] bytes, String problem) {
        try {
            JsonNode node = json.readValue(bytes, JsonNode.class);
            if (node == null) {
                throw new InvalidInputException("data", problem);
            }
            return node;
        } catch (IOException e) {
            throw new InvalidInputException("data", problem);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SessionId sessionId(String id) {
        if (!SessionId.isWellFormed(id)) {
            throw notFound();
        }
        return new SessionId(id);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("sessions.session_not_found", "session not found");
    }
}
