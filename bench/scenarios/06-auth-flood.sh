#!/usr/bin/env bash
# Auth flood: 3,000 bogus client-credentials requests (200 concurrent, hey) against POST /v1/auth/token
# while an authenticated GET /v1/ping is timed request by request (curl over keep-alive). Target: ping
# p99 < 50 ms during the flood, with the shipped limits (auth-token per address, auth-token-client per
# client id: the flood gets 429 before any secret is hashed). A second run lifts both limits, as a
# distributed attacker with many addresses would, so that only the bounded hashing pool stands between
# the flood and the CPU (503 + Retry-After beyond it); its p99 is reported without a target.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

FLOOD_REQUESTS=${BENCH_FLOOD_REQUESTS:-3000}
FLOOD_CONCURRENCY=${BENCH_FLOOD_CONCURRENCY:-200}
TARGET_P99_MS=50

fragment_begin "Auth flood: authenticated ping while /v1/auth/token is flooded" \
  "One Strata instance. \`hey\` sends $FLOOD_REQUESTS \`POST /v1/auth/token\` with a well-formed but unknown client id and a wrong secret, $FLOOD_CONCURRENCY at a time, from one client address (behind the trusted loopback proxy); meanwhile \`GET /v1/ping\` with a valid token is sent back to back (curl, keep-alive) and each latency recorded. Target: ping p99 < $TARGET_P99_MS ms with the shipped limits. The second row lifts the token limits (a distributed attacker): only the bounded hashing pool remains; no target."

need_tool hey hey || not_available "hey is not installed"
need_tool curl curl || not_available "curl is not installed"

# ping_samples <base> <token> <pid> <out>: times GET /v1/ping back to back (20 per curl, one
# connection) until process <pid> ends; one latency in seconds per line.
ping_samples() {
  local base=$1 token=$2 pid=$3 out=$4 urls=() i
  for ((i = 0; i < 20; i++)); do urls+=(-o /dev/null "$base/v1/ping"); done
  : >"$out"
  while kill -0 "$pid" 2>/dev/null; do
    curl -s --max-time 30 -w '%{http_code} %{time_total}\n' \
      -H "Authorization: Bearer $token" "${urls[@]}" >>"$out" || true
  done
}

# percentile <file of "status seconds" lines> <p> -> milliseconds of the p-th percentile of the 200s
percentile() {
  awk '$1 == 200 {print $2 * 1000}' "$1" | sort -n | awk -v p="$2" '
    { v[NR] = $1 }
    END { if (NR == 0) { print "n/a"; exit } i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; printf "%.3f\n", v[i] }'
}

# flood_run <label>: one instance (environment as set by the caller), one flood, one fragment row.
flood_run() {
  local label=$1 base out samples flood_pid statuses p50 p99 n bad verdict bogus
  strata_start || not_available "$STRATA_ERROR"
  strata_bench_tenant || not_available "$STRATA_ERROR"
  base=http://127.0.0.1:$STRATA_PORT
  bogus=sc_$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | cut -c1-22)
  # the attacker: one client behind the (trusted) loopback proxy, an address of its own each run, so that
  # the flood never spends loopback's own token budget (the next run, or scenario, still gets a token)
  attacker=198.18.$((RANDOM % 256)).$((1 + RANDOM % 254))
  # warm-up (JIT) of both paths: the ping, and a smaller flood of the same shape; the measured flood then
  # meets a server in the steady state of an attack that has been going on for a while
  hey -n 2000 -c 4 -H "Authorization: Bearer $ACCESS_TOKEN" "$base/v1/ping" >/dev/null
  hey -n 1000 -c 50 -m POST -T application/x-www-form-urlencoded -H "X-Forwarded-For: $attacker" \
    -d "grant_type=client_credentials&client_id=$bogus&client_secret=not-the-secret" "$base/v1/auth/token" >/dev/null
  out=$RESULTS_DIR/$SCENARIO-$label-flood.txt
  samples=$RESULTS_DIR/$SCENARIO-$label-ping.txt
  log "flood $label: $FLOOD_REQUESTS requests, $FLOOD_CONCURRENCY concurrent"
  hey -n "$FLOOD_REQUESTS" -c "$FLOOD_CONCURRENCY" -m POST -T application/x-www-form-urlencoded -H "X-Forwarded-For: $attacker" \
    -d "grant_type=client_credentials&client_id=$bogus&client_secret=not-the-secret" "$base/v1/auth/token" >"$out" 2>&1 &
  flood_pid=$!
  ping_samples "$base" "$ACCESS_TOKEN" "$flood_pid" "$samples"
  wait "$flood_pid" || true

  statuses=$(sed -n 's/^[[:space:]]*\[\([0-9]*\)\][[:space:]]*\([0-9]*\) responses.*/\1: \2/p' "$out" | paste -sd ',' - | sed 's/,/, /g')
  n=$(awk '$1 == 200' "$samples" | wc -l)
  bad=$(awk '$1 != 200' "$samples" | wc -l)
  p50=$(percentile "$samples" 50)
  p99=$(percentile "$samples" 99)
  if [[ $label == limited ]]; then
    if [[ $p99 != n/a && $bad == 0 ]] && awk -v v="$p99" -v t="$TARGET_P99_MS" 'BEGIN { exit !(v < t) }'; then
      verdict="**pass** (< $TARGET_P99_MS ms)"
    else
      verdict="**FAIL** (target < $TARGET_P99_MS ms, every ping 200)"
    fi
    metric_put auth_flood_ping_p99_ms "$p99"
  else
    verdict="informational"
  fi
  fragment "| $2 | ${statuses:-?} | $n | $bad | $(fmt_ms "$p50") | $(fmt_ms "$p99") | $verdict |"
  log "$label: flood statuses ${statuses:-?}; ping n=$n non-200=$bad p50=$p50 p99=$p99 ms: $verdict"
  strata_stop
}

export STRATA_HTTP_TRUSTED_PROXIES=127.0.0.1/32
fragment "Flood: $FLOOD_REQUESTS requests, $FLOOD_CONCURRENCY concurrent. Latencies in ms." ""
fragment "| Configuration | flood answers (status: count) | pings | non-200 pings | ping p50 | ping p99 | verdict |" \
  "|---|---|---:|---:|---:|---:|---|"
flood_run limited "shipped limits (\`auth-token\`, \`auth-token-client\`)"
export STRATA_RATE_LIMITS_POLICIES_AUTH_TOKEN_LIMIT=1000000
export STRATA_RATE_LIMITS_POLICIES_AUTH_TOKEN_CLIENT_LIMIT=1000000
flood_run unlimited "token limits lifted: bounded hashing pool only"
fragment ""
