#!/usr/bin/env bash
# Tiered cache: GET of an L1 hit, an L2 hit and an L3 hit through HTTP (wrk), next to the raw
# stores of scenario 02 (redis-benchmark GET, pgbench primary-key read) and the floors of scenario 01
# (GET /bare of a bare Micronaut app; GET /v1/ping, Strata's floor with authentication); and the
# invalidation lag across two instances (PUT on A until B has dropped its L1 copy), read from B's
# strata_cache_invalidation_lag_seconds histogram. B runs with strata.http.fast-cache-reads=false, and
# its L1 and L2 hits are measured too: the same hits through Micronaut's full stack, not the fast path.
#
# How each tier is isolated: namespace bench-l1 has the defaults (L1 on); bench-l2 has L1 off, so
# every read is an L2 hit; the L3 run uses a second start of Strata whose Redis address is a
# closed port, so every read of a durable namespace goes to Postgres (and so does the token check,
# once per token and max-staleness while the channel is down, which that run pays for too).
#
# Settings: BENCH_VALUE_BYTES (64), BENCH_LAG_WRITES (500).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"
# the load whose target is open (L3 hit with Redis down): its warm-up is profiled
PROFILE_LABELS="l3-hit"

VALUE_BYTES=${BENCH_VALUE_BYTES:-64}
LAG_WRITES=${BENCH_LAG_WRITES:-500}

fragment_begin "Tiered cache" \
  "wrk against \`GET /v1/cache/{ns}/{key}\` of one ${VALUE_BYTES}-byte JSON value, with a Bearer token, for an L1 hit (in-process Caffeine) and an L2 hit (namespace with L1 off: Redis), both answered by the fast path ahead of Micronaut's routing, the same two hits through Micronaut's full stack (a second instance with \`strata.http.fast-cache-reads=false\`) and an L3 hit (Strata restarted with Redis unreachable: Postgres, one round trip per read; the token check then goes to Postgres as well, at most once per token and \`max-staleness\` (100 ms) while the coherence channel is down). Ratios: Strata / raw store of scenario 02 (\`redis-benchmark GET\`, \`pgbench\` primary-key read), Strata / \`GET /bare\` of scenario 01 (a bare Micronaut endpoint: the framework floor) and Strata / \`GET /v1/ping\` of scenario 01 (Strata's floor with authentication). Then two instances: $LAG_WRITES sequential PUTs on A while B drops its copy; the lag is B's \`strata_cache_invalidation_lag_seconds\` (publish on A to delivery on B)."

need_tool wrk wrk || not_available "wrk is not installed"
need_tool curl curl || not_available "curl is not installed"
strata_start || not_available "$STRATA_ERROR"
strata_bench_tenant || not_available "$STRATA_ERROR"

base=http://127.0.0.1:$STRATA_PORT
auth="Authorization: Bearer $ACCESS_TOKEN"
value=$(printf '{"v":"%s"}' "$(head -c $((VALUE_BYTES > 10 ? VALUE_BYTES - 8 : 1)) /dev/zero | tr '\0' x)")

put() { # put <base> <json> <path> -> HTTP status
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X PUT -H "$auth" -H 'Content-Type: application/json' \
    --data-binary "$2" "$1$3" 2>/dev/null || true
}
configure() { put "$base" "$2" "/v1/cache/$1"; }

[[ $(configure bench-l1 '{"durable":true,"l1":{"enabled":true}}') == 200 ]] || not_available "PUT /v1/cache/bench-l1 failed"
[[ $(configure bench-l2 '{"durable":true,"l1":{"enabled":false}}') == 200 ]] || not_available "PUT /v1/cache/bench-l2 failed"
[[ $(configure bench-l3 '{"durable":true,"l1":{"enabled":false}}') == 200 ]] || not_available "PUT /v1/cache/bench-l3 failed"
for ns in bench-l1 bench-l2 bench-l3; do
  [[ $(put "$base" "$value" "/v1/cache/$ns/key-1?ttl=86400") == 204 ]] || not_available "PUT /v1/cache/$ns/key-1 failed"
done
tier=$(curl -s -o /dev/null -D - -H "$auth" "$base/v1/cache/bench-l1/key-1" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache: //p')
tier=$(curl -s -o /dev/null -D - -H "$auth" "$base/v1/cache/bench-l1/key-1" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache: //p')
[[ $tier == L1 ]] || log "warning: second read of bench-l1 answered X-Cache: $tier"

wrk_bench l1-hit "$base/v1/cache/bench-l1/key-1" -H "$auth"
l1_rps=$WRK_RPS l1_p50=$WRK_P50 l1_p99=$WRK_P99 l1_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
wrk_bench l2-hit "$base/v1/cache/bench-l2/key-1" -H "$auth"
l2_rps=$WRK_RPS l2_p50=$WRK_P50 l2_p99=$WRK_P99 l2_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))

# --- invalidation lag: a second instance B on the same stores --------------------------------------
b_port=$(free_port)
b_log=$RESULTS_DIR/$SCENARIO-strata-b.log
log "starting instance B on 127.0.0.1:$b_port"
# shellcheck disable=SC2086
MICRONAUT_SERVER_PORT=$b_port STRATA_JWT_SECRET=$STRATA_JWT_SECRET_VALUE STRATA_HTTP_FAST_CACHE_READS=false java $STRATA_JAVA_OPTS -jar "$STRATA_JAR" >"$b_log" 2>&1 &
b_pid=$!
on_exit "kill $b_pid 2>/dev/null; wait $b_pid 2>/dev/null"
for ((i = 0; i < 900; i++)); do
  [[ $(http_status "http://127.0.0.1:$b_port/health/liveness") == 200 ]] && break
  sleep 0.1
done
lag_note=
if [[ $(http_status "http://127.0.0.1:$b_port/health/liveness") == 200 ]]; then
  log "$LAG_WRITES PUTs on A, B drops its copies"
  for ((i = 0; i < LAG_WRITES; i++)); do
    put "$base" "{\"i\":$i}" "/v1/cache/bench-l1/lag-$((i % 20))" >/dev/null
  done
  sleep 1
  curl -s --max-time 10 "http://127.0.0.1:$b_port/prometheus" >"$RESULTS_DIR/$SCENARIO-b.prometheus.txt" || true
  # p50/p99 from the cumulative histogram buckets (upper bound of the bucket holding the quantile)
  read -r lag_n lag_p50 lag_p99 < <(grep '^strata_cache_invalidation_lag_seconds_bucket' "$RESULTS_DIR/$SCENARIO-b.prometheus.txt" |
    sed -E 's/.*le="([^"]+)".* ([0-9.eE+-]+)$/\1 \2/' | grep -v '^+Inf' | sort -g |
    awk '{le[NR] = $1; c[NR] = $2} END {
      if (NR == 0) { print "0 n/a n/a"; exit }
      n = c[NR]; p50 = "n/a"; p99 = "n/a"
      for (i = 1; i <= NR; i++) {
        if (p50 == "n/a" && c[i] >= n * 0.50) p50 = sprintf("%.3f", le[i] * 1000)
        if (p99 == "n/a" && c[i] >= n * 0.99) p99 = sprintf("%.3f", le[i] * 1000)
      }
      printf "%d %s %s\n", n, p50, p99 }')
  # B runs without the fast path for L1 hits: the same hit through Micronaut's whole stack
  curl -s -o /dev/null -H "$auth" "http://127.0.0.1:$b_port/v1/cache/bench-l1/key-1" || true
  wrk_bench l1-full-stack "http://127.0.0.1:$b_port/v1/cache/bench-l1/key-1" -H "$auth"
  full_rps=$WRK_RPS full_p50=$WRK_P50 full_p99=$WRK_P99 full_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
  wrk_bench l2-full-stack "http://127.0.0.1:$b_port/v1/cache/bench-l2/key-1" -H "$auth"
  full2_rps=$WRK_RPS full2_p50=$WRK_P50 full2_p99=$WRK_P99 full2_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
else
  lag_n=0 lag_p50=n/a lag_p99=n/a lag_note="Instance B did not start; see \`bench/results/$SCENARIO-strata-b.log\`."
  full_rps=n/a full_p50=n/a full_p99=n/a full_bad=0 full2_rps=n/a full2_p50=n/a full2_p99=n/a full2_bad=0
fi
kill "$b_pid" 2>/dev/null || true
wait "$b_pid" 2>/dev/null || true

# --- L3: the same jar with Redis unreachable ------------------------------------------------------
strata_stop
dead_port=$(free_port)
REDIS_URI=redis://127.0.0.1:$dead_port strata_start || not_available "$STRATA_ERROR"
base=http://127.0.0.1:$STRATA_PORT
tier=$(curl -s -o /dev/null -D - -H "$auth" "$base/v1/cache/bench-l3/key-1" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache: //p')
[[ $tier == L3 ]] || log "warning: bench-l3 with Redis unreachable answered X-Cache: $tier"
wrk_bench l3-hit "$base/v1/cache/bench-l3/key-1" -H "$auth"
l3_rps=$WRK_RPS l3_p50=$WRK_P50 l3_p99=$WRK_P99 l3_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))

metric_put cache_l1_rps "$l1_rps"
metric_put cache_l1_p99_ms "$l1_p99"
metric_put cache_l1_full_stack_rps "$full_rps"
metric_put cache_l2_full_stack_rps "$full2_rps"
metric_put cache_l2_rps "$l2_rps"
metric_put cache_l2_p99_ms "$l2_p99"
metric_put cache_l3_rps "$l3_rps"
metric_put cache_l3_p99_ms "$l3_p99"
metric_put cache_invalidation_lag_p50_ms "$lag_p50"
metric_put cache_invalidation_lag_p99_ms "$lag_p99"

raw_get=$(metric_get raw_redis_get_ops) raw_get_p50=$(metric_get raw_redis_get_p50_ms) raw_get_p99=$(metric_get raw_redis_get_p99_ms)
raw_pg=$(metric_get raw_pg_select_tps) raw_pg_p50=$(metric_get raw_pg_select_p50_ms) raw_pg_p99=$(metric_get raw_pg_select_p99_ms)
bare=$(metric_get floor_bare_rps) bare_p50=$(metric_get floor_bare_p50_ms) bare_p99=$(metric_get floor_bare_p99_ms)
ping=$(metric_get floor_ping_rps) ping_p50=$(metric_get floor_ping_p50_ms) ping_p99=$(metric_get floor_ping_p99_ms)
na() { [[ -n $1 ]] && printf '%s' "$1" || printf 'n/a'; }
target_l2_p99=n/a
if [[ -n $raw_get_p99 && -n $ping_p99 ]]; then
  target_l2_p99=$(awk -v r="$raw_get_p99" -v f="$ping_p99" 'BEGIN {printf "%.3f", 3 * r + f}')
fi

fragment "$(settings_line) Latencies in ms. Raw and floor figures come from scenarios 02 and 01 of the same run (n/a when they did not run)." ""
fragment "| Request | req/s | p50 ms | p99 ms | non-2xx + socket errors | raw next to it | req/s ratio Strata/raw | req/s ratio Strata/bare | req/s ratio Strata/ping (authenticated floor) |" \
  "|---|---:|---:|---:|---:|---|---:|---:|---:|" \
  "| L1 hit | $(fmt_int "$l1_rps") | $(fmt_ms "$l1_p50") | $(fmt_ms "$l1_p99") | $l1_bad | redis-benchmark GET $(fmt_int "$(na "$raw_get")") ops/s, p50 $(fmt_ms "$(na "$raw_get_p50")"), p99 $(fmt_ms "$(na "$raw_get_p99")") | **$(ratio "$l1_rps" "$raw_get")** (target ≥ 0.7) | **$(ratio "$l1_rps" "$bare")** (target ≥ 0.6) | $(ratio "$l1_rps" "$ping") |" \
  "| L1 hit, full Micronaut stack (\`strata.http.fast-cache-reads=false\`, instance B) | $(fmt_int "$full_rps") | $(fmt_ms "$full_p50") | $(fmt_ms "$full_p99") | $full_bad | redis-benchmark GET (as above) | $(ratio "$full_rps" "$raw_get") | $(ratio "$full_rps" "$bare") | $(ratio "$full_rps" "$ping") |" \
  "| L2 hit | $(fmt_int "$l2_rps") | $(fmt_ms "$l2_p50") | $(fmt_ms "$l2_p99") | $l2_bad | redis-benchmark GET (as above) | $(ratio "$l2_rps" "$raw_get") | $(ratio "$l2_rps" "$bare") | $(ratio "$l2_rps" "$ping") |" \
  "| L2 hit, full Micronaut stack (instance B) | $(fmt_int "$full2_rps") | $(fmt_ms "$full2_p50") | $(fmt_ms "$full2_p99") | $full2_bad | redis-benchmark GET (as above) | $(ratio "$full2_rps" "$raw_get") | $(ratio "$full2_rps" "$bare") | $(ratio "$full2_rps" "$ping") |" \
  "| L3 hit (Redis down) | $(fmt_int "$l3_rps") | $(fmt_ms "$l3_p50") | $(fmt_ms "$l3_p99") | $l3_bad | pgbench PK read $(fmt_int "$(na "$raw_pg")") tps, p50 $(fmt_ms "$(na "$raw_pg_p50")"), p99 $(fmt_ms "$(na "$raw_pg_p99")") | $(ratio "$l3_rps" "$raw_pg") | $(ratio "$l3_rps" "$bare") | $(ratio "$l3_rps" "$ping") |" \
  "| \`GET /bare\` (bare Micronaut, scenario 01) | $(fmt_int "$(na "$bare")") | $(fmt_ms "$(na "$bare_p50")") | $(fmt_ms "$(na "$bare_p99")") | | | | | |" \
  "| \`GET /v1/ping\` (authenticated floor, scenario 01) | $(fmt_int "$(na "$ping")") | $(fmt_ms "$(na "$ping_p50")") | $(fmt_ms "$(na "$ping_p99")") | | | | | |" \
  ""
profile_fragment l3-hit "L3 hit with Redis down (\`GET /v1/cache/{ns}/{key}\` read from Postgres)"
fragment "L2-hit p99 target: ≤ 3 × raw Redis GET p99 + authenticated floor p99 (\`GET /v1/ping\`) = $target_l2_p99 ms; measured $(fmt_ms "$l2_p99") ms." ""
fragment "| Invalidation lag, PUT on A → drop on B | deliveries | p50 ms | p99 ms |" "|---|---:|---:|---:|" \
  "| Redis Pub/Sub, two instances | $lag_n | $lag_p50 | $lag_p99 |" ""
fragment "Lag quantiles are the upper bounds of the histogram buckets that hold them (Micrometer percentile histogram); the bound promised by \`strata.cache.max-staleness\` is 100 ms." ""
if ((l1_bad + full_bad + l2_bad + full2_bad + l3_bad > 0)); then
  fragment "Warning: some responses were not 2xx or failed at the socket level; see \`bench/results/$SCENARIO-*.wrk.txt\`." ""
fi
[[ -z $lag_note ]] || fragment "$lag_note" ""
log "done: L1 $l1_rps req/s, L2 $l2_rps req/s, L3 $l3_rps req/s; lag p50 $lag_p50 ms p99 $lag_p99 ms"
