package dev.strata.adapters.redis.shared;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Redis adapter helper: one Lua script run by the SHA-1 of its source ({@code EVALSHA}), on a String or a byte[]
 * connection alike. When Redis does not know the script (NOSCRIPT: first use, restart, {@code SCRIPT FLUSH}) the
 * source is sent once with {@code EVAL}, which also caches it; a NOSCRIPT answer is never a failure.
 */
public final class LuaScript {
    private final String source;
    private final String sha1;

    private LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    /** The script of this source. */
    public static LuaScript of(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        return new LuaScript(source);
    }

    /** The Lua source, as {@code EVAL} sends it. */
    public String source() {
        return source;
    }

    /** The lower-case hex SHA-1 of the source, as {@code EVALSHA} and {@code SCRIPT LOAD} name it. */
    public String sha1() {
        return sha1;
    }

    /** Runs the script on {@code commands} (of either codec); a NOSCRIPT answer falls back to {@code EVAL}. */
    @SafeVarargs
    public final <K, V, T> T run(RedisCommands<K, V> commands, ScriptOutputType type, K[] keys, V... args) {
        try {
            return commands.evalsha(sha1, type, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(source, type, keys, args);
        }
    }

    static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
