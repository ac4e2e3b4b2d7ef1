package dev.strata.adapters.http.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.domain.jobs.BackoffType;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.shared.InvalidInputException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the enqueue fast path reads itself ({@link JobEnqueueBody}), that it reads what the mapper binds and the
 * controller's code checks, what it leaves to Micronaut, and which paths it takes ({@link JobEnqueueFastRoute}).
 */
class JobEnqueueBodyTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static JobRequests.Enqueue read(String json) {
        return JobEnqueueBody.read(json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"email.send\",\"payload\":{\"to\":\"a@b.c\"}}",
        "{ \"payload\" : [1,\"two\",null,true] , \"type\" : \"t\" }",
        "{\"type\":\"t\",\"payload\":\"text\",\"priority\":9,\"maxAttempts\":5,\"timeoutSeconds\":60}",
        "{\"type\":\"t\",\"payload\":7,\"delaySeconds\":30,\"uniqueKey\":\"k-1\",\"secretPayload\":true}",
        "{\"type\":\"t\",\"payload\":{\"n\":-9223372036854775808,\"f\":1.5},\"runAt\":\"2030-01-01T00:00:00Z\"}",
        "{\"type\":\"t\",\"payload\":{},\"backoff\":{\"type\":\"fixed\",\"baseSeconds\":2,\"maxSeconds\":10}}",
        "{\"type\":\"t\",\"payload\":{},\"backoff\":{}}",
        "{\"type\":\"t\\u00e9\",\"payload\":{\"k\":\"caf\\u00e9\"}}",
        "{\"type\":\"t\",\"payload\":0,\"priority\":null,\"runAt\":null,\"delaySeconds\":null,\"uniqueKey\":null,"
                + "\"secretPayload\":null,\"backoff\":null,\"maxAttempts\":null,\"timeoutSeconds\":null}",
    })
    void thePlainCaseIsReadAsTheMapperBindsIt(String json) throws Exception {
        JobRequests.Enqueue request = read(json);
        assertNotNull(request, json);
        JobRequests.Enqueue bound = JSON.readValue(json, Argument.of(JobRequests.Enqueue.class));
        assertEquals(JobsController.spec(bound, JSON).toString(), JobsController.spec(request, JSON).toString());
        assertEquals(JobsController.spec(bound, JSON).payload(), JobsController.spec(request, JSON).payload());
    }

    @Test
    void theControllersCodeBuildsTheSpecOfAPlainBody() {
        JobSpec spec = JobsController.spec(read("{\"type\":\"t\",\"payload\":{\"a\":[1,2]},\"priority\":3,"
                + "\"maxAttempts\":4,\"timeoutSeconds\":5,\"uniqueKey\":\"u\",\"secretPayload\":true,"
                + "\"backoff\":{\"type\":\"fixed\",\"baseSeconds\":6}}"), JSON);
        assertEquals("t", spec.type());
        assertEquals("{\"a\":[1,2]}", spec.payload());
        assertEquals(3, spec.priority());
        assertEquals(4, spec.maxAttempts());
        assertEquals(5, spec.timeoutSeconds());
        assertEquals("u", spec.uniqueKey().orElseThrow());
        assertEquals(true, spec.secretPayload());
        assertEquals(BackoffType.FIXED, spec.backoff().type());
        assertEquals(6, spec.backoff().baseSeconds());
        assertEquals(3600, spec.backoff().maxSeconds());
        assertEquals(Duration.ofSeconds(90),
                JobsController.spec(read("{\"type\":\"t\",\"payload\":1,\"delaySeconds\":90}"), JSON).delay());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), JobsController.spec(
                read("{\"type\":\"t\",\"payload\":1,\"runAt\":\"2030-01-01T00:00:00Z\"}"), JSON).runAt().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"t\",\"payload\":1,\"priority\":10}                          | priority",
        "{\"type\":\"\",\"payload\":1}                                           | type",
        "{\"payload\":1}                                                         | type",
        "{\"type\":\"t\"}                                                        | payload",
        "{\"type\":\"t\",\"payload\":1,\"maxAttempts\":0}                        | maxAttempts",
        "{\"type\":\"t\",\"payload\":1,\"runAt\":\"tomorrow\"}                   | runAt",
        "{\"type\":\"t\",\"payload\":1,\"runAt\":\"2030-01-01T00:00:00Z\",\"delaySeconds\":1} | runAt",
        "{\"type\":\"t\",\"payload\":1,\"delaySeconds\":-1}                      | delaySeconds",
        "{\"type\":\"t\",\"payload\":1,\"backoff\":{\"type\":\"linear\"}}         | backoff.type",
        "{\"type\":\"t\",\"payload\":1,\"uniqueKey\":\" \"}                       | uniqueKey",
    })
    void aBodyOfThePlainShapeWithAFieldTheControllerRefusesIsRefusedByItsCode(String json, String field) {
        // the route declines these: Micronaut then answers the controller's 400 naming the field
        JobRequests.Enqueue request = read(json);
        assertNotNull(request, json);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> JobsController.spec(request, JSON));
        assertEquals(field, refused.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "null", "[]", "\"text\"", "{\"type\":\"t\",\"payload\":1} {}", "{\"type\":\"t\",\"payload\":1",
        "not json", "{'type':'t','payload':1}", "{\"type\":\"t\",\"payload\":1,}", "{\"type\":\"t\",\"payload\":NaN}",
        // a null payload, an unknown field, names twice at any depth
        "{\"type\":\"t\",\"payload\":null}", "{\"type\":\"t\",\"payload\":1,\"typo\":1}",
        "{\"type\":\"t\",\"type\":\"u\",\"payload\":1}", "{\"type\":\"t\",\"payload\":{\"a\":1,\"a\":2}}",
        "{\"type\":\"t\",\"payload\":1,\"backoff\":{\"type\":\"fixed\",\"type\":\"fixed\"}}",
        "{\"type\":\"t\",\"payload\":1,\"backoff\":{\"kind\":\"fixed\"}}",
        // values Micronaut might coerce or refuse
        "{\"type\":1,\"payload\":1}", "{\"type\":[\"t\"],\"payload\":1}", "{\"type\":\"t\",\"payload\":1,\"priority\":\"5\"}",
        "{\"type\":\"t\",\"payload\":1,\"priority\":5.0}", "{\"type\":\"t\",\"payload\":1,\"priority\":1e1}",
        "{\"type\":\"t\",\"payload\":1,\"priority\":true}", "{\"type\":\"t\",\"payload\":1,\"maxAttempts\":2147483648}",
        "{\"type\":\"t\",\"payload\":1,\"delaySeconds\":9223372036854775808}",
        "{\"type\":\"t\",\"payload\":1,\"secretPayload\":\"true\"}", "{\"type\":\"t\",\"payload\":1,\"secretPayload\":1}",
        "{\"type\":\"t\",\"payload\":1,\"runAt\":20300101}", "{\"type\":\"t\",\"payload\":1,\"uniqueKey\":7}",
        "{\"type\":\"t\",\"payload\":1,\"backoff\":\"fixed\"}", "{\"type\":\"t\",\"payload\":1,\"backoff\":[]}",
        "{\"type\":\"t\",\"payload\":1,\"backoff\":{\"baseSeconds\":1.5}}",
        // integers beyond 64 bits
        "{\"type\":\"t\",\"payload\":123456789012345678901234567890}",
    })
    void anythingElseIsMicronautsToRead(String json) {
        assertNull(read(json), json);
    }

    @Test
    void bytesThatAreNotPlainUtf8AreMicronautsToRead() {
        assertNull(JobEnqueueBody.read("\uFEFF{\"type\":\"t\",\"payload\":1}".getBytes(StandardCharsets.UTF_8), JSON));
        assertNull(JobEnqueueBody.read("{\"type\":\"t\",\"payload\":1}".getBytes(StandardCharsets.UTF_16LE), JSON));
        byte[] malformed = "{\"type\":\"t\",\"payload\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        malformed[23] = (byte) 0xC3; // a lead byte without its continuation, inside the payload's string
        assertNull(JobEnqueueBody.read(malformed, JSON));
    }

    @ParameterizedTest
    @CsvSource({
        "/v1/queues/emails/jobs, emails",
        "/v1/queues/a.b-c_9/jobs, a.b-c_9",
    })
    void thePlainPathNamesItsQueue(String uri, String queue) {
        assertEquals(queue, JobEnqueueFastRoute.queueOf(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/queues//jobs", "/v1/queues/emails/jobs?x=1", "/v1/queues/Emails/jobs", "/v1/queues/em%61ils/jobs",
        "/v1/queues/a/b/jobs", "/v1/queues/emails/jobs/", "/v1/queues/emails/claim", "/v1/queues/-a/jobs",
        "/v1/queues/emails/jobs#f", "/v1/topics/emails/events",
    })
    void anyOtherPathIsMicronauts(String uri) {
        assertNull(JobEnqueueFastRoute.queueOf(uri));
    }
}
