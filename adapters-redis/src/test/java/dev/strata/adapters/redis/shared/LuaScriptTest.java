package dev.strata.adapters.redis.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The script helper without Redis: the SHA-1 is the one Redis computes for the same source. */
class LuaScriptTest {

    @Test
    void theSha1IsRedisOwnNameForTheSource() {
        // what SCRIPT LOAD answers for "return 1"
        assertEquals("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", LuaScript.of("return 1").sha1());
        assertEquals("return 1", LuaScript.of("return 1").source());
    }

    @Test
    void theSha1HashesTheUtf8Bytes() {
        assertNotEquals(LuaScript.of("return 'a'").sha1(), LuaScript.of("return 'ä'").sha1());
        assertEquals(40, LuaScript.of("return 'ä'").sha1().length());
    }

    @Test
    void aBlankSourceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LuaScript.of(" "));
        assertThrows(IllegalArgumentException.class, () -> LuaScript.of(null));
    }
}
