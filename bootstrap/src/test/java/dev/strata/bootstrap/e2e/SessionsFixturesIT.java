package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support of the sessions end-to-end tests (abstract: not a test itself): instances whose auth
 * rate limit does not get in the way, users, logins, parallel calls (reset tokens arrive at a
 * {@link ResetWebhookReceiver}).
 */
abstract class SessionsFixturesIT {
    static final String PASSWORD = "correct horse battery staple";

    /** Properties of an instance for these tests: the auth limit is lifted unless a test sets its own. */
    static Map<String, Object> props(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("strata.rate-limits.policies.auth.limit", 1_000_000);
        properties.putAll(overrides);
        return properties;
    }

    static StrataInstance instance() {
        return StrataInstance.start(props(Map.of()));
    }

    static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    static String credentials(String tenant, String email, String password) {
        return "{\"tenant\":\"" + tenant + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    static String register(StrataInstance instance, String tenant, String email) {
        StrataInstance.Response response = instance.postJson("/v1/auth/register", null, credentials(tenant, email, PASSWORD));
        assertEquals(201, response.status(), response.body());
        return response.json("userId");
    }

    /** A successful login: its access token, refresh token and session id. */
    record Login(String accessToken, String refreshToken, String sessionId) {
    }

    static Login login(StrataInstance instance, String tenant, String email, String password) {
        StrataInstance.Response response = instance.postJson("/v1/auth/login", null, credentials(tenant, email, password));
        assertEquals(200, response.status(), response.body());
        return new Login(response.json("accessToken"), response.json("refreshToken"), response.json("sessionId"));
    }

    static long number(StrataInstance.Response response, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(response.body());
        if (!m.find()) {
            throw new AssertionError("no number " + field + " in " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** The problem body without its per-request parts, for comparing two answers. */
    static String stable(String body) {
        return body.replaceAll("\"instance\"\\s*:\\s*\"[^\"]*\"", "");
    }

    private static final HttpClient PARALLEL = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Sends the same JSON POST {@code times} times at once; answers the statuses. */
    static List<Integer> parallelPosts(StrataInstance instance, String path, String token, List<String> bodies) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (String body : bodies) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            futures.add(PARALLEL.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    }
}
