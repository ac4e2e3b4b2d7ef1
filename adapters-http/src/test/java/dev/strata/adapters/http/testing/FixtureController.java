package dev.strata.adapters.http.testing;

import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.PreconditionFailedException;
import dev.strata.domain.shared.StoreUnavailableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/** Test-only endpoints that provoke each kind of error the HTTP adapter must answer. */
@Controller("/test")
@Hidden
public class FixtureController {
    /** A secret-looking message that must never reach a response body. */
    public static final String LEAKY_MESSAGE = "password=hunter2 SELECT * FROM secrets WHERE tenant='t1'";

    /** A request record like the real ones: Bean Validation on the HTTP edge only. */
    @Serdeable
    public record CreateItem(@NotBlank String name, @NotNull @Min(1) Integer count, @Nullable Color color,
                             @Nullable List<@Valid Tag> tags) {
    }

    /** A nested element, to check field paths of nested violations. */
    @Serdeable
    public record Tag(@NotBlank String label) {
    }

    /** An enum, to check unknown values. */
    public enum Color { RED, GREEN }

    @Get("/items")
    public Map<String, Object> list(@QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return Map.of("limit", limit);
    }

    @Post("/items")
    public HttpResponse<CreateItem> create(@Valid @Body CreateItem item) {
        return HttpResponse.created(item);
    }

    @Post(uri = "/text", consumes = MediaType.TEXT_PLAIN)
    public String text(@Body String text) {
        return text;
    }

    @Get(uri = "/csv", produces = "text/csv")
    public String csv() {
        return "a,b";
    }

    @Get("/fail/{kind}")
    public String fail(@PathVariable String kind) {
        switch (kind) {
            case "invalid" -> throw new InvalidInputException("cache.key_too_long", "key", "key must be at most 512 bytes");
            case "not-found" -> throw new NotFoundException("cache.miss", "no such key");
            case "conflict" -> throw new ConflictException("vectors.collection_exists", "collection exists with other settings");
            case "precondition" -> throw new PreconditionFailedException("cache.etag_mismatch", "If-Match does not match");
            case "other" -> throw new QuotaExceededException();
            case "store" -> throw new StoreUnavailableException("redis", LEAKY_MESSAGE, new RuntimeException(LEAKY_MESSAGE));
            case "status" -> throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "the vector has the wrong dimension");
            case "status-404" -> throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such session");
            default -> throw new IllegalStateException(LEAKY_MESSAGE);
        }
    }

    /** Runs on the blocking pool, as real controllers that touch stores do, and reports what the MDC holds there. */
    @Get("/mdc")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, String> mdc() {
        String requestId = MDC.get("requestId");
        return Map.of("requestId", requestId == null ? "" : requestId, "thread", Thread.currentThread().getName());
    }

    /** Answers a bare status without a body, as a controller may for a miss or a failed precondition. */
    @Get("/bare/{code}")
    public HttpResponse<Void> bare(@PathVariable int code) {
        return HttpResponse.status(HttpStatus.valueOf(code));
    }

    @Get("/guarded")
    @Produces(MediaType.APPLICATION_JSON)
    public String guarded() {
        return "{\"unreachable\":true}";
    }
}
