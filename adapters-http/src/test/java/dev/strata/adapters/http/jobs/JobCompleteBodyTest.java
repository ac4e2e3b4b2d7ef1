package dev.strata.adapters.http.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.strata.domain.jobs.JobId;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the completion fast path reads itself ({@link JobCompleteBody}), that it reads what the mapper binds, what it
 * leaves to Micronaut, and which paths it takes ({@link JobCompleteFastRoute}).
 */
class JobCompleteBodyTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static JobRequests.Complete read(String json) {
        return JobCompleteBody.read(json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"worker\":\"w-1\"}                                          | w-1 | ",
        "{ \"result\" : {\"sent\":true} , \"worker\" : \"w\" }          | w   | {\"sent\":true}",
        "{\"worker\":\"w\",\"result\":[1,\"two\",null,1.5]}              | w   | [1,\"two\",null,1.5]",
        "{\"worker\":\"w\",\"result\":\"done\"}                          | w   | \"done\"",
        "{\"worker\":\"w\",\"result\":0}                                 | w   | 0",
        "{\"worker\":\"w\\u00e9\",\"result\":{\"n\":-9223372036854775808}} | wé  | {\"n\":-9223372036854775808}",
    })
    void thePlainCaseIsReadAsTheMapperBindsIt(String json, String worker, String result) throws Exception {
        JobRequests.Complete request = read(json);
        assertNotNull(request, json);
        assertEquals(worker, request.worker());
        assertEquals(Optional.ofNullable(result), JobsController.result(request, JSON));
        JobRequests.Complete bound = JSON.readValue(json, Argument.of(JobRequests.Complete.class));
        assertEquals(JobsController.result(bound, JSON), JobsController.result(request, JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "null", "[]", "{}", "\"text\"", "not json", "{\"worker\":\"w\"} {}", "{\"worker\":\"w\"",
        "{'worker':'w'}", "{\"worker\":\"w\",}",
        // no worker, or not a string; a null result; an unknown field; names twice at any depth
        "{\"result\":1}", "{\"worker\":null}", "{\"worker\":7}", "{\"worker\":[\"w\"]}", "{\"worker\":\"w\",\"result\":null}",
        "{\"worker\":\"w\",\"error\":\"x\"}", "{\"worker\":\"w\",\"worker\":\"v\"}",
        "{\"worker\":\"w\",\"result\":{\"a\":1,\"a\":2}}",
        // integers beyond 64 bits
        "{\"worker\":\"w\",\"result\":123456789012345678901234567890}",
    })
    void anythingElseIsMicronautsToRead(String json) {
        assertNull(read(json), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/jobs/0b6f5e8e-3c1a-4d5e-9f00-123456789abc/complete",
        "/v1/jobs/0B6F5E8E-3C1A-4D5E-9F00-123456789ABC/complete",
    })
    void thePlainPathNamesItsJob(String uri) {
        JobId id = JobCompleteFastRoute.idOf(uri);
        assertNotNull(id, uri);
        assertEquals("0b6f5e8e-3c1a-4d5e-9f00-123456789abc", id.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/jobs//complete", "/v1/jobs/1-1-1-1-1/complete", "/v1/jobs/not-a-uuid/complete",
        "/v1/jobs/0b6f5e8e-3c1a-4d5e-9f00-123456789abc/complete?x=1",
        "/v1/jobs/0b6f5e8e-3c1a-4d5e-9f00-123456789abc/complete/",
        "/v1/jobs/0b6f5e8e-3c1a-4d5e-9f00-123456789abc/fail",
        "/v1/jobs/0b6f5e8e3c1a-4d5e-9f00-123456789abc-/complete",
        "/v1/jobs/0b6f5e8e-3c1a-4d5e-9f00-123456789abg/complete",
        "/v1/jobs/%30b6f5e8e-3c1a-4d5e-9f00-123456789ab/complete",
        "/v1/jobs/0b6f5e8e-3c1a-4d5e-9f00-123456789abc/x/complete",
        "/v1/queues/0b6f5e8e-3c1a-4d5e-9f00-123456789abc/complete",
    })
    void anyOtherPathIsMicronauts(String uri) {
        assertNull(JobCompleteFastRoute.idOf(uri), uri);
    }
}
