package dev.strata.adapters.http.jobs;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.jobs.port.ManageSchedulesUseCase;
import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.jobs.ScheduleView;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** HTTP adapter: cron schedules of the caller's tenant ({@code /v1/schedules}, scope {@code jobs:enqueue}). */
@Controller("/v1/schedules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearerAuth")
@RequiresScope("jobs:enqueue")
public class SchedulesController {
    private final ManageSchedulesUseCase schedules;
    private final JsonMapper json;

    public SchedulesController(ManageSchedulesUseCase schedules, JsonMapper json) {
        this.schedules = schedules;
        this.json = json;
    }

    @Operation(summary = "Create or replace a schedule: one job per cron tick (timezone default UTC), once across instances")
    @Put("/{name}")
    public JobResponses.ScheduleBody put(@PathVariable String name, @Body JobRequests.PutSchedule body) {
        if (body.payload() == null) {
            throw new InvalidInputException("payload", "payload must be given (JSON; null is written as null)");
        }
        if (body.queue() == null) {
            throw new InvalidInputException("queue", "queue must be given");
        }
        if (body.cron() == null) {
            throw new InvalidInputException("jobs.invalid_cron", "cron", "cron must be given");
        }
        String payload;
        try {
            payload = json.writeValueAsString(body.payload());
        } catch (IOException e) {
            throw new InvalidInputException("payload", "payload is not JSON");
        }
        return body(schedules.put(Schedule.of(name, body.queue(), body.type(), payload, body.cron(), body.timezone())));
    }

    @Operation(summary = "A schedule and its next tick")
    @Get("/{name}")
    public JobResponses.ScheduleBody get(@PathVariable String name) {
        return body(schedules.get(name).orElseThrow(() -> notFound(name)));
    }

    @Operation(summary = "Every schedule of the tenant, by name")
    @Get
    public List<JobResponses.ScheduleBody> list() {
        return schedules.list().stream().map(this::body).toList();
    }

    @Operation(summary = "Delete a schedule (jobs it enqueued stay)")
    @Delete("/{name}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String name) {
        if (!schedules.delete(name)) {
            throw notFound(name);
        }
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("jobs.schedule_not_found", "schedule not found");
    }

    private JobResponses.ScheduleBody body(ScheduleView view) {
        Schedule schedule = view.schedule();
        JsonNode payload;
        try {
            payload = json.readValue(schedule.payload(), JsonNode.class);
        } catch (IOException e) {
            payload = JsonNode.createStringNode(schedule.payload());
        }
        return new JobResponses.ScheduleBody(schedule.name(), schedule.queue().value(), schedule.type(), payload,
                schedule.cron().text(), schedule.timezone().getId(), view.nextRunAt().toString(),
                view.lastRunAt().map(Instant::toString).orElse(null));
    }
}
