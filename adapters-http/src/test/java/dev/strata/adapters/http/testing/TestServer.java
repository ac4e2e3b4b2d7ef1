package dev.strata.adapters.http.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** An embedded server on a random port and a plain JDK client, for black-box tests of the HTTP adapter. */
public final class TestServer implements AutoCloseable {
    /** The body limit tests run with, small so that a 413 is cheap to provoke. */
    public static final int MAX_BODY = 4096;

    private final EmbeddedServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(EmbeddedServer server) {
        this.server = server;
    }

    /** Starts a server with the settings every test needs, plus {@code extra}, plus the given beans. */
    public static TestServer start(Map<String, Object> extra, Object... singletons) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        // production disables the management health endpoint so that /health is ours; so do tests
        properties.put("endpoints.health.enabled", false);
        properties.put("micronaut.server.max-request-size", MAX_BODY);
        properties.put("strata.health.timeout", "500ms");
        // The real authentication filter runs in these tests too: a signing key, a clock and an
        // access check that allows every (validly signed) client; requests carry a token by default.
        properties.put("strata.jwt.secret", "adapters-http-test-signing-key-0123456789abcdef");
        // as in production: micronaut-security signs and verifies, Strata's filter authorises
        properties.put("micronaut.security.enabled", false);
        properties.putAll(extra);
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .environments("test")
                .singletons(withDefaults(singletons))
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        return new TestServer(server);
    }

    private static Object[] withDefaults(Object[] singletons) {
        Object[] all = java.util.Arrays.copyOf(singletons, singletons.length + 3);
        all[singletons.length] = (dev.strata.domain.shared.Clock) java.time.Instant::now;
        all[singletons.length + 1] = (dev.strata.application.sessions.port.VerifyAccessUseCase) query -> true;
        all[singletons.length + 2] = (dev.strata.application.sessions.port.VerifySessionUseCase) query -> false;
        return all;
    }

    /** A valid token of a client holding every client scope, as the authentication filter expects. */
    public String token() {
        return context().getBean(dev.strata.adapters.http.security.JwtCodec.class).issueClientToken(
                dev.strata.domain.shared.TenantId.random(), dev.strata.domain.shared.ClientId.random().value(),
                dev.strata.domain.shared.Scope.clientScopes());
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Authorization", "Bearer " + token());
    }

    /** A request without credentials. */
    public HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return context().getBean(JsonMapper.class).readValue(json, Argument.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> readMap(String json) {
        try {
            return context().getBean(JsonMapper.class).readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
