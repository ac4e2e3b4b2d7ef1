package dev.strata.adapters.http.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the publish fast path reads itself ({@link PublishBody}), what it leaves to Micronaut, and which paths it takes. */
class PublishFastPathBodyTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static PublishEventRequest read(String json) {
        return PublishBody.read(json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"order.created\",\"data\":{\"id\":42}}                         | order.created | {\"id\":42}  | ",
        "{ \"data\" : [1,\"two\",null,true] , \"type\" : \"t\" }                    | t             | [1,\"two\",null,true] | ",
        "{\"type\":\"t\",\"data\":\"text\",\"subject\":\"orders/42\"}              | t             | \"text\"    | orders/42",
        "{\"type\":\"t\",\"data\":7,\"subject\":null}                               | t             | 7           | ",
        "{\"type\":\"a b\",\"data\":{\"nested\":{\"a\":[{\"b\":1}]}}}               | a b           | {\"nested\":{\"a\":[{\"b\":1}]}} | ",
        "{\"type\":\"t\\u00e9\",\"data\":{\"k\":\"caf\\u00e9\"}}                    | té            | {\"k\":\"café\"} | ",
        "{\"type\":\"t\",\"data\":{\"n\":-9223372036854775808,\"f\":1.5}}           | t             | {\"n\":-9223372036854775808,\"f\":1.5} | ",
    })
    void thePlainCaseIsReadAsTheControllerReadsIt(String json, String type, String data, String subject) throws IOException {
        PublishEventRequest request = read(json);
        assertNotNull(request, json);
        assertEquals(type, request.type());
        assertEquals(subject, request.subject());
        // the bytes the controller stores are the mapper's writing of the node it read
        assertEquals(data, new String(JSON.writeValueAsBytes(request.data()), StandardCharsets.UTF_8));
        PublishEventRequest bound = JSON.readValue(json, io.micronaut.core.type.Argument.of(PublishEventRequest.class));
        assertEquals(new String(JSON.writeValueAsBytes(bound.data()), StandardCharsets.UTF_8),
                new String(JSON.writeValueAsBytes(request.data()), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "null", "[]", "{}", "\"text\"",
        // missing or null fields
        "{\"type\":\"t\"}", "{\"data\":1}", "{\"type\":\"t\",\"data\":null}", "{\"type\":null,\"data\":1}",
        // fields Micronaut might coerce or refuse
        "{\"type\":1,\"data\":1}", "{\"type\":true,\"data\":1}", "{\"type\":\"t\",\"data\":1,\"subject\":5}",
        "{\"type\":[\"t\"],\"data\":1}",
        // unknown fields, names twice at any depth
        "{\"type\":\"t\",\"data\":1,\"other\":1}", "{\"type\":\"t\",\"type\":\"u\",\"data\":1}",
        "{\"type\":\"t\",\"data\":1,\"data\":2}", "{\"type\":\"t\",\"data\":{\"a\":1,\"a\":2}}",
        // constraints
        "{\"type\":\"\",\"data\":1}", "{\"type\":\"   \",\"data\":1}", "{\"type\":\"\\u2003\",\"data\":1}",
        "{\"type\":\"\\t\\n\",\"data\":1}", "{\"type\":\"t\",\"data\":1,\"subject\":\"\"}",
        // not JSON, or more than one value
        "not json", "{\"type\":\"t\",\"data\":1} {}", "{\"type\":\"t\",\"data\":1", "{'type':'t','data':1}",
        "{\"type\":\"t\",\"data\":1,}", "{\"type\":\"t\",\"data\":[1,]}", "{\"type\":\"t\",\"data\":NaN}",
        "{\"type\":\"t\",\"data\":1} // comment",
        // integers beyond 64 bits
        "{\"type\":\"t\",\"data\":123456789012345678901234567890}",
    })
    void anythingElseIsMicronautsToRead(String json) {
        assertNull(read(json), json);
    }

    @Test
    void longFieldsAreReadUpToTheirLimitsOnly() {
        String type = "t".repeat(PublishBody.MAX_TYPE);
        String subject = "s".repeat(PublishBody.MAX_SUBJECT);
        assertNotNull(read("{\"type\":\"" + type + "\",\"data\":1,\"subject\":\"" + subject + "\"}"));
        assertNull(read("{\"type\":\"" + type + "t\",\"data\":1}"));
        assertNull(read("{\"type\":\"t\",\"data\":1,\"subject\":\"" + subject + "s\"}"));
    }

    @Test
    void bytesThatAreNotPlainUtf8AreMicronautsToRead() {
        byte[] bom = "\uFEFF{\"type\":\"t\",\"data\":1}".getBytes(StandardCharsets.UTF_8);
        assertNull(PublishBody.read(bom, JSON));
        byte[] utf16 = "{\"type\":\"t\",\"data\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertNull(PublishBody.read(utf16, JSON));
        byte[] malformed = "{\"type\":\"t\",\"data\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        malformed[20] = (byte) 0xC3; // a lead byte without its continuation, inside data's string
        assertNull(PublishBody.read(malformed, JSON));
    }

    @ParameterizedTest
    @CsvSource({
        "/v1/topics/orders/events, orders",
        "/v1/topics/a.b-c_9/events, a.b-c_9",
    })
    void thePlainPathNamesItsTopic(String uri, String topic) {
        assertEquals(topic, PublishFastPath.topicOf(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/topics//events", "/v1/topics/orders/events?x=1", "/v1/topics/Orders/events", "/v1/topics/or%64ers/events",
        "/v1/topics/a/b/events", "/v1/topics/orders/events/", "/v1/topics/orders/stream", "/v1/topics/-a/events",
        "/v1/topics/orders/events#f", "/v1/rate-limits/p/consume",
    })
    void anyOtherPathIsMicronauts(String uri) {
        assertNull(PublishFastPath.topicOf(uri));
    }
}
