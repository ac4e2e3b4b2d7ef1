package dev.strata.adapters.http.ratelimits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.ratelimits.RateDecision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the rate-limit fast path reads itself, what it leaves to Micronaut, and the body it writes. */
class ConsumeBodyTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"key\":\"k1\"}                          | k1     | 1",
        "{ \"key\" : \"a b\" , \"cost\" : 5 }      | a b    | 5",
        "{\"cost\":1000,\"key\":\"clé\"}           | clé    | 1000",
        "{\"key\":\"x\",\"cost\":0}          | x      | 0",
    })
    void thePlainCaseIsRead(String json, String key, int cost) {
        ConsumeBody body = ConsumeBody.parse(json);
        assertEquals(key, body.key());
        assertEquals(cost, body.cost());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{}", "{ }", "[]", "null", "{\"cost\":1}", "{\"key\":1}", "{\"key\":null}",
        "{\"key\":\"a\\\"b\"}", "{\"key\":\"\\u0061\"}", "{\"key\":\"a\",\"key\":\"b\"}",
        "{\"key\":\"a\",\"cost\":1,\"cost\":2}", "{\"key\":\"a\",\"other\":1}", "{\"key\":\"a\",\"cost\":01}",
        "{\"key\":\"a\",\"cost\":-1}", "{\"key\":\"a\",\"cost\":1.0}", "{\"key\":\"a\",\"cost\":1e2}",
        "{\"key\":\"a\",\"cost\":12345}", "{\"key\":\"a\",\"cost\":\"1\"}", "{\"key\":\"a\"} x", "{\"key\":\"a\",}",
        "{\"key\":\"a\"", "{'key':'a'}", "{\"key\":\"tab\there\"}", "{\"key\":\"\uFFFD\"}",
    })
    void anythingElseIsMicronautsToRead(String json) {
        assertNull(ConsumeBody.parse(json), json);
    }

    @Test
    void jsonWhitespaceIsAllowedAnywhereBetweenTokens() {
        ConsumeBody body = ConsumeBody.parse("\t\r\n{\n \"key\"\t:\r\"x\" ,\n\"cost\":\t7\n}\n");
        assertEquals("x", body.key());
        assertEquals(7, body.cost());
    }

    @Test
    void theDecisionIsWrittenAsTheResponseRecordIs() {
        RateDecision allowed = new RateDecision(true, 10, 7, Instant.parse("2030-01-02T03:04:05.678Z"), 0);
        assertEquals("{\"allowed\":true,\"limit\":10,\"remaining\":7,\"resetAt\":\"2030-01-02T03:04:05.678Z\"}",
                new String(ConsumeBody.json(allowed), StandardCharsets.US_ASCII));
        RateDecision refused = new RateDecision(false, 10, 0, Instant.parse("2030-01-02T03:04:05Z"), 900);
        String text = new String(ConsumeBody.json(refused), StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("{\"allowed\":false,"), text);
        assertFalse(text.contains(" "), text);
    }
}
