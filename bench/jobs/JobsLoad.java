import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver of the jobs benchmark. Modes:
 * enqueue BASE TOKEN QUEUE CLIENTS SECONDS: closed-loop POST /v1/queues/{q}/jobs (QUEUE*N: over N queues); prints
 * done, errors, per second, p50, p99.
 * work BASE TOKEN QUEUE CLIENTS SECONDS: closed-loop claim (count 1, no wait) then complete; counts completed jobs.
 * latency BASE TOKEN QUEUE WORKERS SECONDS RATE DELAY_MS: WORKERS claim with waitMs and complete, while jobs with
 * runAt = now + DELAY_MS are enqueued at RATE per second; prints runAt-to-claim p50/p99 (wall clock of this machine).
 * The scenario runs the latency mode; its enqueue and claim + complete throughput loads run with wrk and the scripts
 * next to this file (far less client CPU on the machine the load shares with Strata and Postgres). The enqueue and
 * work modes stay for running by hand.
 */
public class JobsLoad {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern RUN_AT = Pattern.compile("\"runAt\"\\s*:\\s*\"([^\"]+)\"");

    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        base = args[1];
        token = args[2];
        String queue = args[3];
        int clients = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        switch (mode) {
            // QUEUE*N spreads the jobs over N queues QUEUE-1..QUEUE-N (one event topic each)
            case "enqueue" -> closedLoop(clients, seconds, () -> enqueue(spread(queue), null) != null ? 1 : -1);
            case "work" -> closedLoop(clients, seconds, () -> {
                HttpResponse<String> r = post("/v1/queues/" + queue + "/claim", "{\"worker\":\"bench\",\"count\":1}");
                Matcher m = ID.matcher(r.body());
                if (r.statusCode() != 200) {
                    return -1;
                }
                if (!m.find()) {
                    return 0;
                }
                return post("/v1/jobs/" + m.group(1) + "/complete", "{\"worker\":\"bench\"}").statusCode() == 200 ? 1 : -1;
            });
            case "latency" -> latency(queue, clients, seconds, Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            default -> throw new IllegalArgumentException(mode);
        }
        System.exit(0);
    }

    interface Op {
        /** 1 done, 0 nothing to do, -1 error. */
        int run() throws Exception;
    }

    static String spread(String queue) {
        int star = queue.indexOf('*');
        if (star < 0) {
            return queue;
        }
        int n = Integer.parseInt(queue.substring(star + 1));
        return queue.substring(0, star) + "-" + (1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(n));
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enqueue(String queue, Instant runAt) throws Exception {
        String body = "{\"type\":\"bench.job\",\"payload\":{\"order\":42,\"note\":\"a small payload for the benchmark\"}"
                + (runAt == null ? "" : ",\"runAt\":\"" + runAt + "\"") + "}";
        HttpResponse<String> r = post("/v1/queues/" + queue + "/jobs", body);
        if (r.statusCode() != 201) {
            return null;
        }
        Matcher m = ID.matcher(r.body());
        return m.find() ? m.group(1) : null;
    }

    static void closedLoop(int clients, int seconds, Op op) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (running.get()) {
                    long t = System.nanoTime();
                    try {
                        int result = op.run();
                        if (result > 0) {
                            done.incrementAndGet();
                            latencies.add((System.nanoTime() - t) / 1e6);
                        } else if (result == 0) {
                            empty.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("done=%d empty=%d errors=%d rate=%.1f p50=%.3f p99=%.3f%n", done.get(), empty.get(), errors.get(),
                done.get() / elapsed, pct(sorted, 0.50), pct(sorted, 0.99));
    }

    static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }

    static void latency(String queue, int workers, int seconds, int rate, int delayMs) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            String worker = "waiter-" + w;
            pool.execute(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = post("/v1/queues/" + queue + "/claim",
                                "{\"worker\":\"" + worker + "\",\"count\":1,\"waitMs\":5000}");
                        long now = System.currentTimeMillis();
                        Matcher id = ID.matcher(r.body());
                        Matcher at = RUN_AT.matcher(r.body());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (id.find() && at.find()) {
                            latencies.add((double) (now - Instant.parse(at.group(1)).toEpochMilli()));
                            post("/v1/jobs/" + id.group(1) + "/complete", "{\"worker\":\"" + worker + "\"}");
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(1000); // the workers start waiting
        ScheduledExecutorService producer = Executors.newScheduledThreadPool(2);
        int total = rate * seconds;
        AtomicLong sent = new AtomicLong();
        producer.scheduleAtFixedRate(() -> {
            if (sent.getAndIncrement() >= total) {
                return;
            }
            try {
                // whole milliseconds: the claim's runAt is compared with this machine's wall clock
                if (enqueue(queue, Instant.ofEpochMilli(System.currentTimeMillis() + delayMs)) == null) {
                    errors.incrementAndGet();
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L + delayMs + 3000L);
        producer.shutdownNow();
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("claimed=%d of=%d errors=%d p50=%.0f p99=%.0f max=%.0f%n", sorted.size(), Math.min(total, sent.get()),
                errors.get(), pct(sorted, 0.50), pct(sorted, 0.99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    }
}
