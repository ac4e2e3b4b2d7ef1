package dev.strata.adapters.redis.sessions;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UserId;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redis adapter for {@link SessionStore}: the live copy of sessions. One hash per session
 * ({@code u}ser, {@code c}reated, {@code e}xpires, {@code l}ast seen in epoch ms, {@code d}ata base64)
 * expiring with the session ({@code PEXPIREAT}), plus a per-user index (a sorted set of session ids,
 * ordered by id) that keeps as long as the longest of its sessions. Index entries of sessions that
 * expired are dropped when met. Throws {@link dev.strata.domain.shared.StoreUnavailableException}
 * when Redis fails: the tiered store above it falls back to Postgres.
 */
@Singleton
@Named("live")
public class RedisSessionStore implements SessionStore {
    private static final String EXTEND_INDEX = """
            if redis.call('PTTL', KEYS[2]) == -1 then
              redis.call('PEXPIREAT', KEYS[2], ARGV[1])
            else
              redis.call('PEXPIREAT', KEYS[2], ARGV[1], 'GT')
            end
            """;
    private static final LuaScript CREATE = LuaScript.of("""
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'u', ARGV[2], 'c', ARGV[3], 'e', ARGV[1], 'l', ARGV[4], 'd', ARGV[5])
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], 0, ARGV[6])
            """ + EXTEND_INDEX + "return 1");
    private static final LuaScript TOUCH = LuaScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            redis.call('HSET', KEYS[1], 'e', ARGV[1], 'l', ARGV[2])
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            """ + EXTEND_INDEX + "return redis.call('HGETALL', KEYS[1])");
    private static final LuaScript UPDATE = LuaScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'u', ARGV[2], 'c', ARGV[3], 'e', ARGV[1], 'l', ARGV[4], 'd', ARGV[5])
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            """ + EXTEND_INDEX + "return 1");

    private final RedisConnector redis;
    private final Clock clock;

    public RedisSessionStore(RedisConnector redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void create(Session session) {
        if (!session.isLiveAt(clock.now())) {
            delete(session.id());
            return;
        }
        redis.<Long>evalScript(CREATE, ScriptOutputType.INTEGER,
                new String[] {SessionKeys.session(session.id()), SessionKeys.userSessions(session.userId())},
                fields(session));
    }

    @Override
    public Optional<Session> find(SessionId id) {
        String key = SessionKeys.session(id);
        Map<String, String> hash = redis.call(commands -> commands.hgetall(key));
        return live(id, hash);
    }

    @Override
    public Optional<Session> touch(SessionId id, Instant seenAt, Instant expiresAt) {
        Optional<Session> current = find(id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        List<Object> reply = redis.evalScript(TOUCH, ScriptOutputType.MULTI,
                new String[] {SessionKeys.session(id), SessionKeys.userSessions(current.get().userId())},
                Long.toString(expiresAt.toEpochMilli()), Long.toString(seenAt.toEpochMilli()));
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            hash.put(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1)));
        }
        return live(id, hash);
    }

    @Override
    public boolean update(Session session) {
        if (find(session.id()).isEmpty()) {
            return false;
        }
        Long updated = redis.evalScript(UPDATE, ScriptOutputType.INTEGER,
                new String[] {SessionKeys.session(session.id()), SessionKeys.userSessions(session.userId())},
                fields(session));
        return updated != null && updated == 1L;
    }

    @Override
    public boolean delete(SessionId id) {
        Optional<Session> current = find(id);
        String key = SessionKeys.session(id);
        long removed = redis.call(commands -> commands.del(key));
        current.ifPresent(session -> {
            String index = SessionKeys.userSessions(session.userId());
            redis.call(commands -> commands.zrem(index, id.value()));
        });
        return removed == 1 && current.isPresent();
    }

    @Override
    public List<Session> listByUser(UserId userId, Optional<SessionId> afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        String index = SessionKeys.userSessions(userId);
        List<Session> result = new ArrayList<>();
        String after = afterId.map(SessionId::value).orElse(null);
        while (result.size() < limit) {
            Range<String> range = after == null ? Range.unbounded() : Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded());
            List<String> ids = redis.call(commands -> commands.zrangebylex(index, range, Limit.create(0, limit)));
            if (ids.isEmpty()) {
                break;
            }
            for (String id : ids) {
                Optional<Session> session = SessionId.isWellFormed(id) ? find(new SessionId(id)) : Optional.empty();
                if (session.isPresent() && session.get().userId().equals(userId)) {
                    if (result.size() < limit) {
                        result.add(session.get());
                    }
                } else {
                    redis.call(commands -> commands.zrem(index, id));
                }
            }
            after = ids.get(ids.size() - 1);
        }
        return result;
    }

    @Override
    public int deleteByUser(UserId userId) {
        String index = SessionKeys.userSessions(userId);
        List<String> ids = redis.call(commands -> commands.zrange(index, 0, -1));
        int ended = 0;
        for (String id : ids) {
            if (SessionId.isWellFormed(id)) {
                SessionId sessionId = new SessionId(id);
                Optional<Session> session = find(sessionId);
                if (session.isPresent() && session.get().userId().equals(userId)) {
                    String key = SessionKeys.session(sessionId);
                    ended += redis.call(commands -> commands.del(key)) == 1 ? 1 : 0;
                }
            }
        }
        redis.call(commands -> commands.del(index));
        return ended;
    }

    private Optional<Session> live(SessionId id, Map<String, String> hash) {
        if (hash == null || hash.isEmpty() || !hash.containsKey("u") || !hash.containsKey("d")) {
            return Optional.empty();
        }
        Session session = new Session(id, new UserId(hash.get("u")), Base64.getDecoder().decode(hash.get("d")),
                Instant.ofEpochMilli(Long.parseLong(hash.get("c"))), Instant.ofEpochMilli(Long.parseLong(hash.get("e"))),
                Instant.ofEpochMilli(Long.parseLong(hash.get("l"))));
        return session.isLiveAt(clock.now()) ? Optional.of(session) : Optional.empty();
    }

    private static String[] fields(Session session) {
        return new String[] {Long.toString(session.expiresAt().toEpochMilli()), session.userId().value(),
                Long.toString(session.createdAt().toEpochMilli()), Long.toString(session.lastSeenAt().toEpochMilli()),
                Base64.getEncoder().encodeToString(session.data()), session.id().value()};
    }
}
