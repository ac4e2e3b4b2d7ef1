package dev.strata.bootstrap.e2e;

import dev.strata.domain.shared.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Test support: one complete Strata instance (the same context the jar starts) on a random port,
 * against the real Redis and Postgres of {@code scripts/services.sh}. Several instances share
 * them, as in production.
 */
final class StrataInstance implements AutoCloseable {
    static final String JWT_SECRET = "e2e-test-signing-key-0123456789-abcdefghijklmnop";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final EmbeddedServer server;
    final ApplicationContext context;

    private StrataInstance(EmbeddedServer server) {
        this.server = server;
        this.context = server.getApplicationContext();
    }

    static Map<String, Object> baseProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("strata.jwt.secret", JWT_SECRET);
        properties.put("redis.uri", TestServices.redisUri());
        properties.put("datasources.default.url", TestServices.jdbcUrl());
        properties.put("strata.migrations.username", ownerUser());
        properties.put("strata.migrations.password", ownerPassword());
        properties.put("strata.auth.client-secret-hash-iterations", 10_000);
        // the auth routes' own guards (all from one loopback address here) are lifted; tests of them set their own
        for (String guard : new String[] {"auth-token", "auth-token-client", "auth-login-account", "auth-refresh", "auth-reset",
                "auth-reset-account", "auth-reset-confirm"}) {
            properties.put("strata.rate-limits.policies." + guard + ".limit", 1_000_000);
        }
        return properties;
    }

    /** The role that owns the schema and runs the migrations. */
    static String ownerUser() {
        return TestServices.jdbcOwnerUser();
    }

    static String ownerPassword() {
        return TestServices.jdbcOwnerPassword();
    }

    static StrataInstance start() {
        return start(Map.of());
    }

    static StrataInstance start(Map<String, Object> overrides) {
        Map<String, Object> properties = baseProperties();
        if (overrides.containsKey("redis.uri") && !overrides.containsKey("strata.events.relay-enabled")) {
            // An instance on a Redis of its own must not relay the shared database's outbox into it:
            // that would take other tests' events away from the shared Redis. Tests that need it say so.
            properties.put("strata.events.relay-enabled", false);
        }
        properties.putAll(overrides);
        return new StrataInstance(ApplicationContext.run(EmbeddedServer.class, properties, "test"));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    Response delete(String path, String token) {
        return send(builder(path, token).DELETE());
    }

    /** POSTs {@code json}, with {@code headers} as name, value, name, value... */
    Response postJson(String path, String token, String json, String... headers) {
        HttpRequest.Builder request = builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Response postForm(String path, String form) {
        return send(builder(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    @Override
    public void close() {
        server.close();
        context.close();
    }

    /** An HTTP answer. */
    record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String json(String field) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }
}
