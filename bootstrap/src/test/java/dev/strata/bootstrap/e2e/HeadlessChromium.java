package dev.strata.bootstrap.e2e;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: a headless Chromium driven through chromedriver with the W3C WebDriver protocol over plain HTTP
 * (no client library). Both come from Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code scripts/services.sh up} installs; when either is missing the test fails saying so, it never skips.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;
    private final Process driver;
    private final Path profile;
    private final String base;
    private final String session;

    private HeadlessChromium(JsonMapper json, Process driver, Path profile, String base) throws Exception {
        this.json = json;
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("binary", find(CHROMIUM, "chromium"));
        // the flags the build machines need (ENVIRONMENT.md), a fresh profile, a window big enough for the whole page
        options.put("args", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,2000", "--user-data-dir=" + profile));
        JsonNode created = call("POST", "/session", Map.of("capabilities",
                Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
        this.session = created.get("sessionId").getStringValue();
    }

    /** Starts chromedriver on a free port and a browser session in a fresh profile. */
    static HeadlessChromium start(JsonMapper json) throws Exception {
        String driverPath = find(DRIVER, "chromedriver");
        find(CHROMIUM, "chromium");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path profile = Files.createTempDirectory("strata-chromium-");
        Process process = new ProcessBuilder(driverPath, "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new AssertionError("chromedriver did not start on port " + port);
            }
            Thread.sleep(100);
        }
        try {
            return new HeadlessChromium(json, process, profile, base);
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String find(List<String> candidates, String what) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError(what + " is not installed (looked at " + candidates + "): run scripts/services.sh up, "
                + "which installs Debian's chromium and chromium-driver");
    }

    void open(String url) throws Exception {
        call("POST", path("/url"), Map.of("url", url));
    }

    String find(String css) throws Exception {
        return call("POST", path("/element"), Map.of("using", "css selector", "value", css)).get(ELEMENT).getStringValue();
    }

    void type(String css, String text) throws Exception {
        String element = find(css);
        call("POST", path("/element/" + element + "/clear"), Map.of());
        call("POST", path("/element/" + element + "/value"), Map.of("text", text));
    }

    void click(String css) throws Exception {
        call("POST", path("/element/" + find(css) + "/click"), Map.of());
    }

    /** Runs {@code script} (a function body; {@code arguments} are the args) in the page; answers its JSON result. */
    JsonNode script(String script, Object... args) throws Exception {
        return call("POST", path("/execute/sync"), Map.of("script", script, "args", List.of(args)));
    }

    /** The text content of the first element matching {@code css}, "" when there is none. */
    String text(String css) throws Exception {
        JsonNode value = script("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
        return value.getStringValue();
    }

    boolean visible(String css) throws Exception {
        return script("const e = document.querySelector(arguments[0]); return !!e && !e.closest('[hidden]');", css)
                .getBooleanValue();
    }

    void screenshot(Path file) throws Exception {
        byte[] png = Base64.getDecoder().decode(call("GET", path("/screenshot"), null).getStringValue());
        Files.createDirectories(file.getParent());
        Files.write(file, png);
    }

    /** Waits until {@code condition} holds, failing with {@code what} (and what the page shows) after {@code timeout}. */
    void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; page shows: "
                        + text("body").replaceAll("\\s+", " "));
            }
            Thread.sleep(200);
        }
    }

    /** A condition on the page. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private String path(String suffix) {
        return "/session/" + session + suffix;
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer = json.readValue(response.body(), JsonNode.class);
        if (response.statusCode() != 200) {
            throw new AssertionError("WebDriver " + method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return answer.get("value");
    }

    @Override
    public void close() {
        try {
            call("DELETE", "/session/" + session, null);
        } catch (Exception | AssertionError ignored) {
            // the driver goes below either way
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(profile);
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }

}
