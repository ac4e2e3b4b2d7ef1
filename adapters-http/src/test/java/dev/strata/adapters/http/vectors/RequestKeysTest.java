package dev.strata.adapters.http.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestKeysTest {
    @Test
    void aBodyIsRememberedByItsExactBytesAndTheMapStaysBounded() {
        byte[] body = "{\"vector\":[1,0],\"k\":1}".getBytes(StandardCharsets.UTF_8);
        String digest = RequestKeys.digest(body);
        assertEquals(digest, RequestKeys.digest(body.clone()));
        assertNotEquals(digest, RequestKeys.digest("{\"vector\":[1,0], \"k\":1}".getBytes(StandardCharsets.UTF_8)),
                "another spelling is another body");

        RequestKeys keys = new RequestKeys(3);
        assertNull(keys.get(digest));
        keys.put(digest, "key-1");
        assertEquals("key-1", keys.get(digest));
        for (int i = 0; i < 10; i++) {
            keys.put(RequestKeys.digest(new byte[] {(byte) i}), "other-" + i);
            assertEquals(true, keys.size() <= 3, "bounded");
        }
    }
}
