package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.identity.port.TenantDirectory;
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
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No credential at rest: on two instances sharing one Redis and one Postgres, every credential-bearing
 * flow runs (tenant and client creation with their secrets, client-credentials tokens, register, login,
 * refresh and refresh reuse, a wrong password, password reset through the signed webhook and its
 * confirmation, refused bodies carrying credentials, logout, the sessions API, a consumer group on the
 * reset events with a dead letter). Every secret seen or sent is remembered; afterwards no Redis key or
 * value of any type, no Pub/Sub message, no row of any table of the tenant (events and dead letters
 * included) and no captured log line holds one of them or an obvious encoding of one.
 */
class SecurityNoSecretsAtRestIT {
    private static final String[] VERBOSE = {"dev.strata", "strata", "strata.access"};

    @Test
    void noCredentialReachesRedisTheDatabaseOrTheLogs() throws Exception {
        CapturingAppender logs = CapturingAppender.attach();
        Map<String, String> secrets = new LinkedHashMap<>();
        try (ResetWebhookReceiver webhook = ResetWebhookReceiver.start(); PubSubRecorder pubSub = PubSubRecorder.start()) {
            Map<String, Object> overrides = new HashMap<>(webhook.properties());
            overrides.put("strata.events.max-deliveries", 1);
            overrides.put("strata.events.visibility-timeout", "1s");
            secrets.put("JWT signing key", StrataInstance.JWT_SECRET);
            secrets.put("reset webhook key", ResetWebhookReceiver.SECRET);
            try (StrataInstance a = StrataInstance.start(SessionsFixturesIT.props(overrides));
                 StrataInstance b = StrataInstance.start(SessionsFixturesIT.props(overrides))) {
                Flow flow = runEveryCredentialFlow(a, b, webhook, secrets);
                List<String> found = new ArrayList<>();
                found.addAll(scan("Redis", dumpRedis(), secrets));
                found.addAll(scan("Postgres", dumpTables(a, List.of(flow.tenantId(), new UUID(0, 0).toString())), secrets));
                found.addAll(scan("logs", Map.of("captured log lines", String.join("\n", logs.lines)), secrets));
                found.addAll(scan("Redis Pub/Sub", Map.of("messages of every channel", String.join("\n", pubSub.messages)), secrets));
                assertTrue(logs.lines.size() > 0, "the appender captured the instances' logs");
                assertTrue(pubSub.messages.size() > 0, "the recorder heard the instances' broadcasts");
                assertTrue(found.isEmpty(), "credentials at rest:\n" + String.join("\n", found));

                // the fact of the reset is on the bus, for auditing, without the credential
                assertTrue(flow.history().contains(flow.userId()), flow.history());
                assertTrue(flow.history().contains("\"requestId\""), flow.history());
                assertTrue(flow.history().contains("\"expiresAt\""), flow.history());
                assertFalse(flow.history().contains("\"token\""), flow.history());
                assertFalse(flow.history().contains(flow.email()), "the event names no email: " + flow.history());
            }
        } finally {
            logs.detach();
        }
    }

    /** Runs the flows, remembering every secret value. */
    private static Flow runEveryCredentialFlow(StrataInstance a, StrataInstance b, ResetWebhookReceiver webhook,
                                                 Map<String, String> secrets) throws Exception {
        TenantCreated tenant = Tenants.create(a);
        secrets.put("admin client secret", tenant.admin().clientSecret());
        String slug = a.context.getBean(TenantDirectory.class).findById(tenant.tenantId()).orElseThrow().slug().value();

        String adminToken = Tenants.adminToken(a, tenant);
        secrets.put("admin access token (form)", adminToken);
        StrataInstance.Response jsonGrant = b.postJson("/v1/auth/token", null,
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.admin().clientId().value()
                        + "\",\"client_secret\":\"" + tenant.admin().clientSecret() + "\"}");
        assertEquals(200, jsonGrant.status(), jsonGrant.body());
        secrets.put("admin access token (JSON)", jsonGrant.json("access_token"));
        assertEquals(401, a.postForm("/v1/auth/token", "grant_type=client_credentials&client_id="
                + tenant.admin().clientId().value() + "&client_secret=wrong-" + tenant.admin().clientSecret()).status());
        secrets.put("wrong client secret", "wrong-" + tenant.admin().clientSecret());

        StrataInstance.Response client = b.postJson("/v1/clients", adminToken,
                "{\"name\":\"mailer\",\"scopes\":[\"events:consume\",\"sessions:read\",\"sessions:write\"]}");
        assertEquals(201, client.status(), client.body());
        secrets.put("created client secret", client.json("clientSecret"));
        String clientToken = Tenants.token(a, client.json("clientId"), client.json("clientSecret"));
        secrets.put("created client token", clientToken);

        String email = SessionsFixturesIT.newEmail();
        String password = "pw-" + UUID.randomUUID();
        secrets.put("password", password);
        StrataInstance.Response registered = a.postJson("/v1/auth/register", null,
                SessionsFixturesIT.credentials(slug, email, password));
        assertEquals(201, registered.status(), registered.body());
        String wrongPassword = "wrong-pw-" + UUID.randomUUID();
        secrets.put("wrong password", wrongPassword);
        assertEquals(401, b.postJson("/v1/auth/login", null, SessionsFixturesIT.credentials(slug, email, wrongPassword)).status());

        SessionsFixturesIT.Login login = SessionsFixturesIT.login(b, slug, email, password);
        secrets.put("user access token", login.accessToken());
        secrets.put("refresh token", login.refreshToken());
        StrataInstance.Response refreshed = a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + login.refreshToken() + "\"}");
        assertEquals(200, refreshed.status(), refreshed.body());
        secrets.put("refreshed access token", refreshed.json("accessToken"));
        secrets.put("rotated refresh token", refreshed.json("refreshToken"));
        assertEquals(200, b.get("/v1/auth/me", refreshed.json("accessToken")).status());
        // a spent refresh token again: reuse detection ends the session
        assertEquals(401, b.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + login.refreshToken() + "\"}").status());

        assertEquals(202, a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\"}").status());
        String resetToken = webhook.awaitToken(email);
        secrets.put("reset token", resetToken);
        ResetWebhookReceiver.Delivery delivery = webhook.deliveriesFor(email).get(0);
        assertEquals(slug, delivery.tenant());
        assertEquals(registered.json("userId"), delivery.userId());
        assertNotNull(delivery.requestId());
        assertNotNull(delivery.expiresAt());
        String newPassword = "new-pw-" + UUID.randomUUID();
        secrets.put("new password", newPassword);
        StrataInstance.Response confirmed = b.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + resetToken + "\",\"newPassword\":\"" + newPassword + "\"}");
        assertEquals(204, confirmed.status(), confirmed.body());
        assertEquals(400, a.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + resetToken + "\",\"newPassword\":\"" + newPassword + "\"}").status(), "single use");

        // refusals that carry credentials: too long a password, a malformed body, a wrong type
        String longPassword = "long-pw-" + "x".repeat(130) + UUID.randomUUID();
        secrets.put("too long password", longPassword);
        assertEquals(400, a.postJson("/v1/auth/register", null, SessionsFixturesIT.credentials(slug, SessionsFixturesIT.newEmail(),
                longPassword)).status());
        String malformedPassword = "malformed-pw-" + UUID.randomUUID();
        secrets.put("password in a malformed body", malformedPassword);
        assertEquals(400, b.postJson("/v1/auth/login", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + email
                + "\",\"password\":\"" + malformedPassword + "\"").status());
        String mistypedSecret = "mistyped-secret-" + UUID.randomUUID();
        secrets.put("client secret in a mistyped body", mistypedSecret);
        int mistyped = a.postJson("/v1/auth/token", null, "{\"grant_type\":\"client_credentials\",\"client_id\":[\""
                + mistypedSecret + "\"],\"client_secret\":\"" + mistypedSecret + "\"}").status();
        assertTrue(mistyped == 400 || mistyped == 401, "refused: " + mistyped);
        assertEquals(400, b.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + resetToken + "\",\"newPassword\":\"" + longPassword + "\"}").status());

        SessionsFixturesIT.Login second = SessionsFixturesIT.login(a, slug, email, newPassword);
        secrets.put("second access token", second.accessToken());
        secrets.put("second refresh token", second.refreshToken());
        assertEquals(204, b.postJson("/v1/auth/logout", second.accessToken(), "").status());
        assertEquals(401, a.get("/v1/auth/me", second.accessToken()).status());

        StrataInstance.Response session = a.postJson("/v1/sessions", clientToken,
                "{\"userId\":\"customer-1\",\"data\":{\"cart\":[1,2]},\"ttlSeconds\":600}");
        assertEquals(201, session.status(), session.body());
        String sessionId = session.json("id");
        assertEquals(200, b.get("/v1/sessions/" + sessionId, clientToken).status());
        assertEquals(200, b.send(b.builder("/v1/sessions/" + sessionId, clientToken).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"theme\":\"dark\"}"))).status());
        assertEquals(200, a.get("/v1/sessions?userId=customer-1", clientToken).status());
        assertEquals(204, a.delete("/v1/sessions/" + sessionId, clientToken).status());

        String history = awaitResetEvent(a, adminToken);

        // a consumer group on the reset events: delivered once, not acknowledged, so it becomes a dead letter
        assertTrue(a.send(a.builder("/v1/topics/auth-notifications/groups/audit", adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status() < 300);
        String read = "{\"consumer\":\"c1\",\"count\":10,\"blockMs\":1000}";
        assertEquals(200, b.postJson("/v1/topics/auth-notifications/groups/audit/read", adminToken, read).status());
        Thread.sleep(1_500);
        assertEquals(200, a.postJson("/v1/topics/auth-notifications/groups/audit/read", adminToken, read).status());
        assertEquals(200, a.get("/v1/topics/auth-notifications/groups/audit/dead-letters", adminToken).status());
        return new Flow(tenant.tenantId().toString(), registered.json("userId"), email, history);
    }

    /** What the flows leave for the assertions: the tenant, the reset user and the history of its topic. */
    private record Flow(String tenantId, String userId, String email, String history) {
    }

    private static String awaitResetEvent(StrataInstance instance, String adminToken) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String body = "";
        while (System.nanoTime() < deadline) {
            StrataInstance.Response history = instance.get("/v1/topics/auth-notifications/events?after=0", adminToken);
            assertEquals(200, history.status(), history.body());
            body = history.body();
            if (body.contains("auth.password_reset.requested")) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no auth.password_reset.requested event: " + body);
    }

    /** Where each remembered secret (or an obvious encoding of it) occurs in {@code dump}; names places, never values. */
    private static List<String> scan(String store, Map<String, String> dump, Map<String, String> secrets) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertNotNull(secret.getValue(), secret.getKey() + " was seen");
            for (String form : forms(secret.getValue())) {
                for (Map.Entry<String, String> place : dump.entrySet()) {
                    if (place.getValue().contains(form)) {
                        found.add(store + ": " + secret.getKey() + " in " + place.getKey());
                    }
                }
            }
        }
        return found.stream().distinct().toList();
    }

    /** A value and its obvious encodings: base64 and base64url, URL encoding, and the secret parts of tokens. */
    private static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        String[] jwt = value.split("\\.");
        if (jwt.length == 3) {
            forms.add(jwt[2]); // a JWT's signature
        }
        int dot = value.indexOf('.');
        if (jwt.length == 2 && value.length() - dot > 16) {
            forms.add(value.substring(dot + 1)); // the random part of <tenant>.<random> tokens
        }
        forms.removeIf(form -> form.length() < 12);
        return forms;
    }

    /** Every key of the Redis all instances share, with everything it holds, as ISO-8859-1 text. */
    private static Map<String, String> dumpRedis() {
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
        assertFalse(dump.isEmpty(), "Redis holds the flows' keys");
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
            default -> throw new AssertionError("a Redis type this test does not dump: " + type);
        }
        return out.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Every row of every table as the given tenants see it (row-level security applies to Strata's role). */
    private static Map<String, String> dumpTables(StrataInstance instance, List<String> tenants) throws SQLException {
        Map<String, String> dump = new LinkedHashMap<>();
        DataSource dataSource = instance.context.getBean(DataSource.class);
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
                assertTrue(tables.contains("events") && tables.contains("event_dead_letters"), "tables: " + tables);
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
        assertTrue(dump.entrySet().stream().anyMatch(e -> e.getKey().startsWith("events ") && e.getValue().contains("auth.password_reset")),
                "the events table holds the reset event");
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
                        out.append(java.util.Arrays.deepToString((Object[]) array.getArray()));
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

    /** Records every message published on any channel of the shared Redis while the flows run. */
    static final class PubSubRecorder implements AutoCloseable {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final RedisClient client;
        private final StatefulRedisPubSubConnection<byte[], byte[]> connection;

        private PubSubRecorder() {
            client = RedisClient.create(TestServices.redisUri());
            connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] pattern, byte[] channel, byte[] message) {
                    messages.add(text(channel) + " " + text(message));
                }
            });
            connection.sync().psubscribe("*".getBytes(StandardCharsets.US_ASCII));
        }

        static PubSubRecorder start() {
            return new PubSubRecorder();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    /**
     * Captures every log event of the process for the test's duration, rendered with its MDC and
     * throwables; Strata's own loggers (access log included) run at DEBUG meanwhile, the rest as in production.
     */
    static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Map<String, Level> previous = new HashMap<>();
        private Logger root;

        static CapturingAppender attach() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            CapturingAppender appender = new CapturingAppender();
            appender.setContext(context);
            appender.setName("secrets-capture");
            appender.start();
            appender.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            appender.previous.put(org.slf4j.Logger.ROOT_LOGGER_NAME, appender.root.getLevel());
            appender.root.setLevel(Level.INFO);
            for (String name : VERBOSE) {
                Logger logger = context.getLogger(name);
                appender.previous.put(name, logger.getLevel());
                logger.setLevel(Level.DEBUG);
            }
            for (String name : new String[] {"io.netty", "io.lettuce", "reactor", "com.zaxxer.hikari"}) {
                Logger logger = context.getLogger(name);
                appender.previous.put(name, logger.getLevel());
                logger.setLevel(Level.WARN);
            }
            appender.root.addAppender(appender);
            return appender;
        }

        void detach() {
            root.detachAppender(this);
            stop();
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            previous.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }

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
