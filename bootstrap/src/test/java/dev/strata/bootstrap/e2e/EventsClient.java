package dev.strata.bootstrap.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test support: publishing over HTTP and a minimal Server-Sent Events reader of the events area. */
final class EventsClient {
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\"\\s*:\\s*(\\d+)");

    private EventsClient() {
    }

    static long publish(StrataInstance instance, String token, String topic, String json) {
        StrataInstance.Response response = instance.postJson("/v1/topics/" + topic + "/events", token,
                "{\"type\":\"test.event\",\"data\":" + json + "}");
        if (response.status() != 201) {
            throw new AssertionError("publish failed: " + response.status() + " " + response.body());
        }
        return sequenceOf(response.body()).get(0);
    }

    static List<Long> sequenceOf(String body) {
        List<Long> sequences = new ArrayList<>();
        Matcher m = SEQUENCE.matcher(body);
        while (m.find()) {
            sequences.add(Long.parseLong(m.group(1)));
        }
        return sequences;
    }

    /** One SSE frame: its id (null for comments) and data. */
    record Frame(String id, String data, String comment) {
    }

    /** A running SSE connection reading frames into a queue on its own thread. */
    static final class Sse implements AutoCloseable {
        final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        private final HttpURLConnection connection;
        private final Thread reader;
        final int status;

        Sse(StrataInstance instance, String token, String topic, String lastEventId) throws IOException {
            this(instance.uri("/v1/topics/" + topic + "/stream"), token, lastEventId);
        }

        /** A stream of any SSE route. */
        static Sse at(StrataInstance instance, String path, String token) throws IOException {
            return new Sse(instance.uri(path), token, null);
        }

        private Sse(java.net.URI uri, String token, String lastEventId) throws IOException {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Accept", "text/event-stream");
            if (lastEventId != null) {
                connection.setRequestProperty("Last-Event-ID", lastEventId);
            }
            connection.setReadTimeout(60_000);
            status = connection.getResponseCode();
            InputStream body = status == 200 ? connection.getInputStream() : connection.getErrorStream();
            reader = new Thread(() -> read(body), "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream body) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                String comment = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (id != null || data.length() > 0 || comment != null) {
                            frames.add(new Frame(id, data.toString(), comment));
                        }
                        id = null;
                        data.setLength(0);
                        comment = null;
                    } else if (line.startsWith(":")) {
                        comment = line.substring(1).strip();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        if (data.length() > 0) {
                            data.append('\n');
                        }
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (IOException closed) {
                // the connection ended
            }
        }

        /** The next frame with an id (an event), skipping heartbeats; null after the timeout. */
        Frame nextEvent(long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return null;
                }
                Frame frame = frames.poll(left, TimeUnit.MILLISECONDS);
                if (frame == null || frame.id() != null) {
                    return frame;
                }
            }
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }
}
