#!/usr/bin/env bash
# Events: durable publish throughput through HTTP (outbox insert, relay to a Redis Stream) against a raw
# loop of the same work without Strata (pgbench: counter update + INSERT; redis-benchmark: XADD), and
# publish-to-SSE-delivery latency at a fixed rate (default 1,000 events/s).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

BENCH_EVENT_RATE=${BENCH_EVENT_RATE:-1000}
BENCH_EVENT_TOPICS=${BENCH_EVENT_TOPICS:-16}
# the raw side's throwaway database
BENCH_EVENTS_DB=${BENCH_EVENTS_DB:-strata_bench}

fragment_begin "Events: durable publish and SSE delivery" \
  "One Strata instance. (1) wrk POSTs \`/v1/topics/bench-<n>/events\` spread over $BENCH_EVENT_TOPICS topics (each 201 is committed in Postgres; the relay then XADDs and PUBLISHes). (2) The same work raw: pgbench runs a transaction of a per-topic counter UPDATE ... RETURNING plus an INSERT of a 100-byte event row in a throwaway database, redis-benchmark runs XADD with an explicit payload; the raw rate is the serial combination 1 / (1/pg + 1/redis). Ratio = HTTP / raw. (3) A small Java client publishes $BENCH_EVENT_RATE events/s over HTTP while reading the topic's SSE stream and records publish-to-delivery latency."

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Publishes at a fixed rate and measures publish-to-SSE-delivery latency (the sender's nano clock is in the data). */
public class SseLatency {
    public static void main(String[] args) throws Exception {
        String base = args[0], token = args[1], topic = args[2];
        int rate = Integer.parseInt(args[3]), seconds = Integer.parseInt(args[4]);
        int total = rate * seconds;
        // the stream and the publishes on separate clients (each has one selector thread), plain HTTP/1.1
        // (no h2c upgrade attempt on every new connection)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        long periodNanos = 1_000_000_000L / rate;
        int[] count = {0};
        int[] failed = {0};
        timer.scheduleAtFixedRate(() -> {
            if (count[0]++ >= total) {
                return;
            }
            long t = System.nanoTime();
            String body = "{\"type\":\"bench.latency\",\"data\":{\"t\":" + t + "}}";
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/topics/" + topic + "/events"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> {
                        publishes.add((System.nanoTime() - t) / 1e6);
                        if (r.statusCode() != 201) { synchronized (failed) { failed[0]++; } }
                    });
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
        System.out.printf("delivered=%d of=%d failed=%d complete=%s p50=%.3f p99=%.3f%n", sorted.size(), total, failed[0], all, p50, p99);
        System.exit(0);
    }
}
JAVA
log "SSE latency at $BENCH_EVENT_RATE events/s for ${secs}s"
java "$latency_src" "$base" "$ACCESS_TOKEN" "bench-latency-$run" "$BENCH_EVENT_RATE" "$secs" \
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
  "" \
  "| Publish → SSE delivery at $BENCH_EVENT_RATE events/s | delivered | p50 ms | p99 ms |" \
  "|---|---:|---:|---:|" \
  "| one SSE client, one topic | ${l_delivered:-?} of ${l_total:-?} | ${l_p50:-n/a} | ${l_p99:-n/a} |" \
  ""
log "done: publish $h_rps/s, raw $raw_rps/s, SSE p50 ${l_p50:-?} p99 ${l_p99:-?} ms"
