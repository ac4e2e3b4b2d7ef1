package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import dev.strata.domain.shared.TestServices;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Test support for leak checks: from {@link #start()} to {@link #close()} it captures every log event of the test
 * JVM (a Logback appender on the root logger and on every non-additive logger, each event rendered with its
 * arguments, MDC and throwables; Strata's own loggers at DEBUG meanwhile), and, after {@link #listenToPubSub()},
 * every message published on any channel of the test Redis. It scans the test Redis ({@code SCAN}, then {@code
 * GET}/{@code HGETALL}/{@code LRANGE}/{@code SMEMBERS}/{@code ZRANGE}/{@code XRANGE} by type) and every table of
 * the database as given tenants see it. The forbidden strings are given by label (a label names what leaked,
 * never the value); each is looked for as is, in its obvious encodings (base64, base64url, URL encoding, hex)
 * and by the secret parts of tokens (a JWT's signature, the random part of {@code <prefix>.<random>}).
 */
final class LeakScan implements AutoCloseable {
    /** Strata's loggers, at DEBUG while a scan is open so that their every line is looked at. */
    private static final String[] VERBOSE = {"dev.strata", "strata", "strata.access"};
    /** Libraries kept at their production level (their DEBUG output is large and never sees a request body). */
    private static final String[] QUIET = {"io.netty", "io.lettuce", "reactor", "com.zaxxer.hikari"};
    /** Shorter forbidden values would match by chance. */
    static final int MIN_FORBIDDEN_LENGTH = 8;

    private final Capture capture = new Capture();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private RedisClient pubSubClient;
    private StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
    private final Map<String, Level> previousLevels = new HashMap<>();
    private final List<Logger> attachedTo = new ArrayList<>();

    private LeakScan() {
    }

    /** Starts capturing the JVM's log events. */
    static LeakScan start() {
        LeakScan scan = new LeakScan();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        scan.capture.setContext(context);
        scan.capture.setName("leak-scan");
        scan.capture.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        scan.setLevel(context, org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO);
        for (String name : VERBOSE) {
            scan.setLevel(context, name, Level.DEBUG);
        }
        for (String name : QUIET) {
            scan.setLevel(context, name, Level.WARN);
        }
        root.addAppender(scan.capture);
        scan.attachedTo.add(root);
        for (Logger logger : context.getLoggerList()) {
            if (!logger.isAdditive() && logger != root) {
                // its events never reach the root's appenders
                logger.addAppender(scan.capture);
                scan.attachedTo.add(logger);
            }
        }
        return scan;
    }

    private void setLevel(LoggerContext context, String name, Level level) {
        Logger logger = context.getLogger(name);
        previousLevels.putIfAbsent(name, logger.getLevel());
        logger.setLevel(level);
    }

    /** The log lines captured so far. */
    List<String> logLines() {
        return List.copyOf(capture.lines);
    }

    /** Where the forbidden values occur in the captured logs: "logs: <label> in line n", never the value. */
    List<String> findInLogs(Map<String, String> forbidden) {
        Map<String, String> places = new LinkedHashMap<>();
        List<String> lines = logLines();
        for (int i = 0; i < lines.size(); i++) {
            places.put("log line " + (i + 1), lines.get(i));
        }
        return find("logs", places, forbidden);
    }

    /** Records, until {@link #close()}, every message published on any channel of the test Redis; returns this scan. */
    LeakScan listenToPubSub() {
        if (pubSub == null) {
            pubSubClient = RedisClient.create(TestServices.redisUri());
            pubSub = pubSubClient.connectPubSub(ByteArrayCodec.INSTANCE);
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] pattern, byte[] channel, byte[] message) {
                    published.add(text(channel) + " " + text(message));
                }
            });
            pubSub.sync().psubscribe("*".getBytes(StandardCharsets.US_ASCII));
        }
        return this;
    }

    /** The Pub/Sub messages recorded so far, each as "channel message". */
    List<String> pubSubMessages() {
        return List.copyOf(published);
    }

    /** Where the forbidden values occur in the recorded Pub/Sub messages: "Redis Pub/Sub: <label> in message n". */
    List<String> findInPubSub(Map<String, String> forbidden) {
        Map<String, String> places = new LinkedHashMap<>();
        List<String> messages = pubSubMessages();
        for (int i = 0; i < messages.size(); i++) {
            places.put("message " + (i + 1), messages.get(i));
        }
        return find("Redis Pub/Sub", places, forbidden);
    }

    /** Where the forbidden values occur in the database, every table as {@code tenants} see it: "Postgres: <label> in <table>". */
    static List<String> findInPostgres(DataSource dataSource, List<String> tenants, Map<String, String> forbidden) throws SQLException {
        return find("Postgres", dumpTables(dataSource, tenants), forbidden);
    }

    /** Where the forbidden values occur in the test Redis: "Redis: <label> in <key>", never the value. */
    static List<String> findInRedis(Map<String, String> forbidden) {
        return find("Redis", dumpRedis(), forbidden);
    }

    /** Fails, naming labels and places, when a forbidden value is in the captured logs or in Redis. */
    void assertAbsent(Map<String, String> forbidden) {
        assertFalse(capture.lines.isEmpty(), "the scan captured log events (else it would prove nothing)");
        List<String> found = new ArrayList<>(findInLogs(forbidden));
        found.addAll(findInRedis(forbidden));
        assertTrue(found.isEmpty(), "leaked:\n" + String.join("\n", found));
    }

    /** Fails, naming labels and keys, when a forbidden value is in Redis. */
    static void assertAbsentFromRedis(Map<String, String> forbidden) {
        List<String> found = findInRedis(forbidden);
        assertTrue(found.isEmpty(), "leaked:\n" + String.join("\n", found));
    }

    /** A value, its obvious encodings and the secret parts of tokens (forms shorter than the floor are left out). */
    static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(HexFormat.of().formatHex(bytes));
        String[] jwt = value.split("\\.");
        if (jwt.length == 3) {
            forms.add(jwt[2]); // a JWT's signature
        }
        int dot = value.indexOf('.');
        if (jwt.length == 2 && value.length() - dot > 16) {
            forms.add(value.substring(dot + 1)); // the random part of <tenant>.<random> tokens
        }
        forms.removeIf(form -> form.length() < MIN_FORBIDDEN_LENGTH);
        return forms;
    }

    /** Where the forbidden values occur among {@code places} (place name to content), prefixed by {@code store}. */
    static List<String> find(String store, Map<String, String> places, Map<String, String> forbidden) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> secret : forbidden.entrySet()) {
            String value = secret.getValue();
            if (value == null || value.length() < MIN_FORBIDDEN_LENGTH) {
                throw new IllegalArgumentException("forbidden value '" + secret.getKey() + "' must be at least "
                        + MIN_FORBIDDEN_LENGTH + " characters");
            }
            for (String form : forms(value)) {
                for (Map.Entry<String, String> place : places.entrySet()) {
                    if (place.getValue().contains(form)) {
                        found.add(store + ": " + secret.getKey() + " in " + place.getKey());
                    }
                }
            }
        }
        return found.stream().distinct().toList();
    }

    /** Every key of the test Redis with everything it holds, as ISO-8859-1 text, by key. */
    static Map<String, String> dumpRedis() {
        Map<String, String> dump = new LinkedHashMap<>();
        RedisClient client = RedisClient.create(TestServices.redisUri());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = redis.scan(cursor, ScanArgs.Builder.limit(1000));
                for (byte[] key : page.getKeys()) {
                    dump.put(text(key), text(key) + " => " + dumpKey(redis, key));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
        return dump;
    }

    private static String dumpKey(RedisCommands<byte[], byte[]> redis, byte[] key) {
        StringBuilder out = new StringBuilder();
        String type = redis.type(key);
        switch (type) {
            case "string" -> out.append(text(redis.get(key)));
            case "hash" -> redis.hgetall(key).forEach((f, v) -> out.append(text(f)).append('=').append(text(v)).append('\n'));
            case "list" -> redis.lrange(key, 0, -1).forEach(v -> out.append(text(v)).append('\n'));
            case "set" -> redis.smembers(key).forEach(v -> out.append(text(v)).append('\n'));
            case "zset" -> redis.zrangeWithScores(key, 0, -1).forEach((ScoredValue<byte[]> v) ->
                    out.append(text(v.getValue())).append(' ').append(v.getScore()).append('\n'));
            case "stream" -> {
                for (StreamMessage<byte[], byte[]> message : redis.xrange(key, Range.create("-", "+"))) {
                    out.append(message.getId()).append(' ');
                    message.getBody().forEach((f, v) -> out.append(text(f)).append('=').append(text(v)).append(' '));
                    out.append('\n');
                }
            }
            case "none" -> out.append("(gone)");
            default -> throw new AssertionError("a Redis type the leak scan does not read: " + type);
        }
        return out.toString();
    }

    /** Every row of every table of the current schema as each of {@code tenants} sees it (row-level security applies), by table. */
    static Map<String, String> dumpTables(DataSource dataSource, List<String> tenants) throws SQLException {
        Map<String, String> dump = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<String> tables = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement("select table_name from information_schema.tables "
                        + "where table_schema = current_schema() and table_type = 'BASE TABLE'");
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String tenant : tenants) {
                    try (PreparedStatement statement = connection.prepareStatement("select set_config('strata.tenant_id', ?, true)")) {
                        statement.setString(1, tenant);
                        statement.execute();
                    }
                    for (String table : tables) {
                        dump.put(table + " (tenant " + tenant + ")", dumpTable(connection, table));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
        return dump;
    }

    private static String dumpTable(Connection connection, String table) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement statement = connection.prepareStatement("select * from \"" + table.replace("\"", "\"\"") + "\"");
             ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rows.getObject(i);
                    out.append(meta.getColumnName(i)).append('=');
                    if (value instanceof byte[] bytes) {
                        out.append(new String(bytes, StandardCharsets.UTF_8));
                    } else if (value instanceof Array array) {
                        out.append(Arrays.deepToString((Object[]) array.getArray()));
                    } else {
                        out.append(value);
                    }
                    out.append(' ');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Stops capturing (logs and Pub/Sub) and restores the log levels. */
    @Override
    public void close() {
        if (pubSub != null) {
            pubSub.close();
            pubSubClient.shutdown();
        }
        attachedTo.forEach(logger -> logger.detachAppender(capture));
        capture.stop();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    /** The appender: one rendered line per event, with arguments, MDC and throwables (messages and frames). */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
            line.append(' ').append(event.getMDCPropertyMap());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    line.append(' ').append(argument);
                }
            }
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    line.append("\n\t").append(frame.getSTEAsString());
                }
            }
            lines.add(line.toString());
        }
    }
}
