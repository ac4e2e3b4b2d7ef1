#!/usr/bin/env bash
# Events: durable publish throughput through HTTP (outbox insert, relay to a Redis Stream) against a raw
# loop of the same work without Strata (pgbench: counter update + INSERT; redis-benchmark: XADD), and
# publish-to-SSE-delivery latency at a fixed rate (default 1,000 events/s).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"
# the load whose target is open (HTTP / raw publish): its warm-up is profiled
PROFILE_LABELS="publish"

BENCH_EVENT_RATE=${BENCH_EVENT_RATE:-1000}
BENCH_EVENT_TOPICS=${BENCH_EVENT_TOPICS:-16}
# keep-alive connections the latency client publishes over (one request at a time on each)
BENCH_EVENT_CONNECTIONS=${BENCH_EVENT_CONNECTIONS:-32}
# the raw side's throwaway database
BENCH_EVENTS_DB=${BENCH_EVENTS_DB:-strata_bench}

fragment_begin "Events: durable publish and SSE delivery" \
  "One Strata instance. (1) wrk POSTs \`/v1/topics/bench-<n>/events\` spread over $BENCH_EVENT_TOPICS topics (each 201 is committed in Postgres; the relay then XADDs and PUBLISHes). (2) The same work raw: pgbench runs a transaction of a per-topic counter UPDATE ... RETURNING plus an INSERT of a 100-byte event row in a throwaway database, redis-benchmark runs XADD with an explicit payload; the raw rate is the serial combination 1 / (1/pg + 1/redis). Ratio = HTTP / raw. (3) A small Java client publishes $BENCH_EVENT_RATE events/s over $BENCH_EVENT_CONNECTIONS keep-alive HTTP/1.1 connections (latency counted from each publish's due time, so waiting for a free connection counts) while reading the topic's SSE stream, and records publish-to-delivery latency."

need_tool wrk wrk || not_available "wrk is not installed"
need_tool curl curl || not_available "curl is not installed"
need_tool pgbench postgresql-contrib || not_available "pgbench is not installed"
need_tool redis-benchmark redis-tools || not_available "redis-benchmark is not installed"
require_loopback "$REDIS_HOST" "$PG_HOST"
strata_start || not_available "$STRATA_ERROR"
strata_bench_tenant || not_available "$STRATA_ERROR"
base=http://127.0.0.1:$STRATA_PORT
auth="Authorization: Bearer $ACCESS_TOKEN"
run=$(date +%s)

code=$(http_status -X POST -H "$auth" -H 'Content-Type: application/json' \
  -d '{"type":"bench.check","data":{}}' "$base/v1/topics/bench-check/events")
[[ $code == 201 ]] || not_available "POST /v1/topics/{t}/events answered HTTP $code"

# --- (1) HTTP publish -------------------------------------------------------------------------
lua=$RESULTS_DIR/$SCENARIO-publish.lua
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $ACCESS_TOKEN"
wrk.body = '{"type":"bench.published","data":{"order":42,"note":"a hundred bytes of payload, give or take, for the benchmark"}}'
request = function()
  return wrk.format(nil, "/v1/topics/bench-$run-" .. math.random($BENCH_EVENT_TOPICS) .. "/events")
end
LUA
wrk_bench publish "$base/v1/topics/x/events" -s "$lua"
h_rps=$WRK_RPS h_p50=$WRK_P50 h_p99=$WRK_P99 h_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))

# --- (2) raw INSERT + XADD --------------------------------------------------------------------
export PGPASSWORD=$PG_PASSWORD
psql_raw() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
psql_raw -d "$PG_DB" -c "select 1" >/dev/null || not_available "psql cannot reach $PG_DB"
psql_raw -d "$PG_DB" -tc "select 1 from pg_database where datname = '$BENCH_EVENTS_DB'" | grep -q 1 \
  || psql_raw -d "$PG_DB" -c "create database $BENCH_EVENTS_DB" >/dev/null 2>&1 \
  || not_available "cannot create database $BENCH_EVENTS_DB"
psql_raw -d "$BENCH_EVENTS_DB" <<SQL >/dev/null
create table if not exists bench_topics (topic int primary key, last_sequence bigint not null default 0);
insert into bench_topics select g from generate_series(1, $BENCH_EVENT_TOPICS) g on conflict do nothing;
create table if not exists bench_events (topic int, sequence bigint, data bytea, primary key (topic, sequence));
truncate bench_events;
update bench_topics set last_sequence = 0;
SQL
pgscript=$RESULTS_DIR/$SCENARIO-raw.sql
cat >"$pgscript" <<SQL
\\set t random(1, $BENCH_EVENT_TOPICS)
BEGIN;
UPDATE bench_topics SET last_sequence = last_sequence + 1 WHERE topic = :t RETURNING last_sequence \\gset
INSERT INTO bench_events VALUES (:t, :last_sequence, convert_to(repeat('x', 100), 'UTF8'));
COMMIT;
SQL
secs=$(duration_seconds "$BENCH_DURATION")
log "pgbench raw outbox insert (${secs}s, $BENCH_CONNECTIONS clients)"
pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -M prepared -c "$BENCH_CONNECTIONS" -j "$BENCH_THREADS" \
  -T "$secs" -f "$pgscript" "$BENCH_EVENTS_DB" >"$RESULTS_DIR/$SCENARIO-pgbench.txt" 2>&1 || true
pg_tps=$(awk '/^tps = / {print $3; exit}' "$RESULTS_DIR/$SCENARIO-pgbench.txt")
log "redis-benchmark XADD"
redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -c "$BENCH_CONNECTIONS" -n "${BENCH_REDIS_REQUESTS:-200000}" -q \
  XADD "strata:bench:events:$run" MAXLEN '~' 100000 '*' e "$(printf 'x%.0s' {1..100})" \
  >"$RESULTS_DIR/$SCENARIO-redis.txt" 2>&1 || true
redis_rps=$(tr '\r' '\n' <"$RESULTS_DIR/$SCENARIO-redis.txt" | awk '/requests per second/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) v = $i} END {print v}')
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" del "strata:bench:events:$run" >/dev/null 2>&1 || true
raw_rps=$(awk -v a="${pg_tps:-0}" -v b="${redis_rps:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.1f\n", 1 / (1 / a + 1 / b); else print "n/a" }')

# --- (3) publish-to-SSE latency ---------------------------------------------------------------
latency_src=$RESULTS_DIR/SseLatency.java
cat >"$latency_src" <<'JAVA'
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes at a fixed rate and measures publish-to-SSE-delivery latency (the sender's nano clock is in the data).
 * Publishes go over a bounded pool of keep-alive HTTP/1.1 connections (as wrk does), one request at a time per
 * connection. Each publish is stamped with the time it was due, not the time a connection was free to send it, so
 * time spent waiting for a connection counts as latency (no coordinated omission).
 */
public class SseLatency {
    public static void main(String[] args) throws Exception {
        String base = args[0], token = args[1], topic = args[2];
        int rate = Integer.parseInt(args[3]), seconds = Integer.parseInt(args[4]);
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 32;
        int total = rate * seconds;
        URI uri = URI.create(base);
        // the stream on a client of its own, plain HTTP/1.1 (no h2c upgrade attempt)
        HttpClient stream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Double> publishes = Collections.synchronizedList(new ArrayList<>());
        List<Double> sinceAccepted = Collections.synchronizedList(new ArrayList<>());
        Pattern accepted = Pattern.compile("\"time\":\"([^\"]+)\"");
        CountDownLatch done = new CountDownLatch(total);
        Pattern sent = Pattern.compile("\"t\":(\\d+)");
        HttpRequest sse = HttpRequest.newBuilder(URI.create(base + "/v1/topics/" + topic + "/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        stream.sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
            if (line.startsWith("data:")) {
                Matcher m = sent.matcher(line);
                if (m.find()) {
                    latencies.add((System.nanoTime() - Long.parseLong(m.group(1))) / 1e6);
                    Matcher a = accepted.matcher(line);
                    if (a.find()) {
                        sinceAccepted.add((double) (System.currentTimeMillis() - java.time.Instant.parse(a.group(1)).toEpochMilli()));
                    }
                    done.countDown();
                }
            }
        }));
        Thread.sleep(1500);
        BlockingQueue<Long> due = new LinkedBlockingQueue<>();
        AtomicInteger failed = new AtomicInteger();
        String head = "POST /v1/topics/" + topic + "/events HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: ";
        for (int c = 0; c < connections; c++) {
            Thread sender = new Thread(() -> {
                Socket socket = null;
                InputStream in = null;
                OutputStream out = null;
                while (true) {
                    long t;
                    try {
                        t = due.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    byte[] body = ("{\"type\":\"bench.latency\",\"data\":{\"t\":" + t + "}}").getBytes(StandardCharsets.UTF_8);
                    int status;
                    try {
                        if (socket == null) {
                            socket = new Socket(uri.getHost(), uri.getPort());
                            socket.setTcpNoDelay(true);
                            in = new BufferedInputStream(socket.getInputStream());
                            out = new BufferedOutputStream(socket.getOutputStream());
                        }
                        out.write((head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        status = readResponse(in);
                    } catch (IOException e) {
                        status = -1;
                        try {
                            if (socket != null) {
                                socket.close();
                            }
                        } catch (IOException ignored) {
                        }
                        socket = null;
                    }
                    publishes.add((System.nanoTime() - t) / 1e6);
                    if (status != 201) {
                        failed.incrementAndGet();
                    }
                }
            }, "publisher-" + c);
            sender.setDaemon(true);
            sender.start();
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        int[] count = {0};
        timer.scheduleAtFixedRate(() -> {
            if (count[0]++ < total) {
                due.add(System.nanoTime());
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        boolean all = done.await(seconds + 30L, TimeUnit.SECONDS);
        timer.shutdownNow();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = sorted.isEmpty() ? -1 : sorted.get((int) (sorted.size() * 0.50));
        double p99 = sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99)));
        List<Double> posts = new ArrayList<>(publishes);
        Collections.sort(posts);
        if (!posts.isEmpty()) {
            System.out.printf("publish round trip p50=%.3f p99=%.3f%n", posts.get(posts.size() / 2),
                    posts.get(Math.min(posts.size() - 1, (int) (posts.size() * 0.99))));
        }
        List<Double> server = new ArrayList<>(sinceAccepted);
        Collections.sort(server);
        if (!server.isEmpty()) {
            System.out.printf("event time (server accepted) to delivery p50=%.0f p99=%.0f%n", server.get(server.size() / 2),
                    server.get(Math.min(server.size() - 1, (int) (server.size() * 0.99))));
        }
        System.out.printf("delivered=%d of=%d failed=%d complete=%s p50=%.3f p99=%.3f%n", sorted.size(), total, failed.get(), all, p50, p99);
        System.exit(0);
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked body) and answers its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).trim();
            String value = colon < 0 ? "" : header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
            return code;
        }
        for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
             size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
            in.skipNBytes(size);
            line(in);
        }
        for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
            // trailers: none expected
        }
        return code;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return text.toString();
    }
}
JAVA
log "SSE latency at $BENCH_EVENT_RATE events/s for ${secs}s"
java "$latency_src" "$base" "$ACCESS_TOKEN" "bench-latency-$run" "$BENCH_EVENT_RATE" "$secs" "$BENCH_EVENT_CONNECTIONS" \
  >"$RESULTS_DIR/$SCENARIO-latency.txt" 2>&1 || true
lat=$(tail -n 1 "$RESULTS_DIR/$SCENARIO-latency.txt")
l_p50=$(sed -n 's/.*p50=\([0-9.]*\).*/\1/p' <<<"$lat")
l_p99=$(sed -n 's/.*p99=\([0-9.]*\).*/\1/p' <<<"$lat")
l_delivered=$(sed -n 's/.*delivered=\([0-9]*\).*/\1/p' <<<"$lat")
l_total=$(sed -n 's/.* of=\([0-9]*\).*/\1/p' <<<"$lat")

metric_put events_publish_rps "$h_rps"
metric_put events_publish_p99_ms "$h_p99"
metric_put events_raw_rps "$raw_rps"
metric_put events_sse_p50_ms "${l_p50:-n/a}"
metric_put events_sse_p99_ms "${l_p99:-n/a}"

fragment "$(settings_line) Latencies in ms." ""
fragment "| Path | events/s | p50 ms | p99 ms | errors |" \
  "|---|---:|---:|---:|---:|" \
  "| HTTP \`POST /v1/topics/{t}/events\` (durable, $BENCH_EVENT_TOPICS topics) | $(fmt_int "$h_rps") | $(fmt_ms "$h_p50") | $(fmt_ms "$h_p99") | $h_bad |" \
  "| raw pgbench counter UPDATE + INSERT | $(fmt_int "${pg_tps:-n/a}") | | | |" \
  "| raw redis-benchmark XADD | $(fmt_int "${redis_rps:-n/a}") | | | |" \
  "| raw combined 1/(1/pg + 1/redis) | $(fmt_int "$raw_rps") | | | |" \
  "| **ratio HTTP / raw** | **$(ratio "$h_rps" "$raw_rps")** | | | |" \
  ""
profile_fragment publish "durable publish, HTTP \`POST /v1/topics/{t}/events\`"
fragment \
  "| Publish → SSE delivery at $BENCH_EVENT_RATE events/s | delivered | p50 ms | p99 ms |" \
  "|---|---:|---:|---:|" \
  "| one SSE client, one topic | ${l_delivered:-?} of ${l_total:-?} | ${l_p50:-n/a} | ${l_p99:-n/a} |" \
  ""
log "done: publish $h_rps/s, raw $raw_rps/s, SSE p50 ${l_p50:-?} p99 ${l_p99:-?} ms"
