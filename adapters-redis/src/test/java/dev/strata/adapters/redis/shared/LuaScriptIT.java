package dev.strata.adapters.redis.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The script helper on real Redis: both codecs, and a server that forgot its scripts (SCRIPT FLUSH). */
class LuaScriptIT {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();
    private static final LuaScript SET_AND_ECHO = LuaScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', 60000)
            return redis.call('GET', KEYS[1])
            """);

    @AfterAll
    static void close() {
        REDIS.close();
    }

    @Test
    void aFlushedScriptRunsAgainOnTheStringConnectionAndIsCachedAgain() {
        String key = "strata:test:lua:" + UUID.randomUUID();
        assertEquals("one", CONNECTOR.<String>evalScript(SET_AND_ECHO, ScriptOutputType.VALUE, new String[] {key}, "one"));
        CONNECTOR.call(commands -> commands.scriptFlush());
        assertEquals(List.of(false), CONNECTOR.call(commands -> commands.scriptExists(SET_AND_ECHO.sha1())), "control: flushed");
        assertEquals("two", CONNECTOR.<String>evalScript(SET_AND_ECHO, ScriptOutputType.VALUE, new String[] {key}, "two"),
                "NOSCRIPT falls back to EVAL");
        assertEquals(List.of(true), CONNECTOR.call(commands -> commands.scriptExists(SET_AND_ECHO.sha1())), "EVAL cached it again");
        assertEquals(SET_AND_ECHO.sha1(), CONNECTOR.call(commands -> commands.scriptLoad(SET_AND_ECHO.source())));
    }

    @Test
    void aFlushedScriptRunsAgainOnTheBinaryConnection() {
        byte[] key = ("strata:test:lua:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] value = {0, (byte) 0xff, 'x', (byte) 0x80};
        CONNECTOR.callBinary(commands -> commands.scriptFlush());
        byte[] echoed = CONNECTOR.callBinary(c -> SET_AND_ECHO.<byte[], byte[], byte[]>run(c, ScriptOutputType.VALUE, new byte[][] {key}, value));
        assertArrayEquals(value, echoed, "any byte survives, after NOSCRIPT");
        byte[] again = CONNECTOR.callBinary(c -> SET_AND_ECHO.<byte[], byte[], byte[]>run(c, ScriptOutputType.VALUE, new byte[][] {key}, value));
        assertArrayEquals(value, again, "and by its SHA-1");
        assertTrue(CONNECTOR.call(commands -> commands.scriptExists(SET_AND_ECHO.sha1())).get(0));
    }
}
