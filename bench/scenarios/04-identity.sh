#!/usr/bin/env bash
# Identity: (1) the cost of the per-request session check — GET /v1/ping with an end-user token
# (JWT + sid check, one Redis read) against the same endpoint with a service-client token (JWT +
# client revocation check, one Redis read): the endpoint's floor; (2) rate-limit decisions per second
# through HTTP against raw redis-benchmark EVALSHA of the same Lua script.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"
# the load whose target is open (HTTP / raw EVALSHA): its warm-up is profiled
PROFILE_LABELS="consume"

fragment_begin "Identity: session check and rate-limit decisions" \
  "One Strata instance. Session check: wrk against \`GET /v1/ping\` with an end-user access token (signature, claims and the \`sid\` check: one Redis read of the session) and with a service-client token (signature, claims and the client revocation check, also one Redis read) — the same endpoint's floor; ratio = user / client (target ≤ 1.15× in latency). Rate limits: wrk \`POST /v1/rate-limits/{policy}/consume\` (sliding window, one EVALSHA per decision) against \`redis-benchmark\` running EVALSHA of the very same Lua script on the same Redis; ratio = HTTP / raw."

need_tool wrk wrk || not_available "wrk is not installed"
need_tool curl curl || not_available "curl is not installed"
# Login is limited per client address (policy auth, 5/min): the benchmark logs in a few times only,
# but repeated runs from one address would hit it.
export STRATA_RATE_LIMITS_POLICIES_AUTH_LIMIT=${STRATA_RATE_LIMITS_POLICIES_AUTH_LIMIT:-1000}
# The rate-limit policy below never refuses (limit 1,000,000 per second) so that every decision does a
# grant's full work; a tenant's sliding-window limit is capped by a quota (default 10,000), which this
# instance raises as an operator would.
export STRATA_QUOTAS_SLIDING_WINDOW_LIMIT=1000000
strata_start || not_available "$STRATA_ERROR"

slug=bench-id-$(date -u +%H%M%S)-$((RANDOM % 1000))
out=$(strata_admin create-tenant "$slug" 2>&1) || not_available "admin create-tenant failed"
CLIENT_ID=$(printf '%s\n' "$out" | sed -n 's/^clientId=//p' | tail -n 1)
CLIENT_SECRET=$(printf '%s\n' "$out" | sed -n 's/^clientSecret=//p' | tail -n 1)
[[ -n $CLIENT_ID ]] || not_available "admin create-tenant printed no client"
base=http://127.0.0.1:$STRATA_PORT
email="bench-$RANDOM@example.org"
password="benchmark passphrase 0123"
creds=$(printf '{"tenant":"%s","email":"%s","password":"%s"}' "$slug" "$email" "$password")
code=$(http_status -X POST -H 'Content-Type: application/json' -d "$creds" "$base/v1/auth/register")
[[ $code == 201 ]] || not_available "POST /v1/auth/register answered HTTP $code"

user_token() {
  curl -s --max-time 10 -X POST -H 'Content-Type: application/json' -d "$creds" "$base/v1/auth/login" | json_field accessToken
}
USER_TOKEN=$(user_token)
CLIENT_TOKEN=$(strata_token "$CLIENT_ID" "$CLIENT_SECRET")
[[ -n $USER_TOKEN && -n $CLIENT_TOKEN ]] || not_available "could not obtain tokens"
code=$(http_status -H "Authorization: Bearer $USER_TOKEN" "$base/v1/ping")
[[ $code == 200 ]] || not_available "GET /v1/ping with a user token answered HTTP $code"

wrk_bench ping-client "$base/v1/ping" -H "Authorization: Bearer $CLIENT_TOKEN"
c_rps=$WRK_RPS c_p50=$WRK_P50 c_p99=$WRK_P99 c_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
USER_TOKEN=$(user_token) # fresh: access tokens live 15 minutes
wrk_bench ping-user "$base/v1/ping" -H "Authorization: Bearer $USER_TOKEN"
u_rps=$WRK_RPS u_p50=$WRK_P50 u_p99=$WRK_P99 u_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))

# Rate limits: a policy that never refuses, so every decision does the full work of a grant.
code=$(http_status -X PUT -H "Authorization: Bearer $CLIENT_TOKEN" -H 'Content-Type: application/json' \
  -d '{"limit":1000000,"windowSeconds":1}' "$base/v1/rate-limits/bench")
[[ $code == 200 ]] || not_available "PUT /v1/rate-limits/bench answered HTTP $code"
lua=$RESULTS_DIR/$SCENARIO-consume.lua
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, nil, nil, '{"key":"k' .. math.random(1, 1000) .. '"}')
end
LUA
wrk_bench consume "$base/v1/rate-limits/bench/consume" -s "$lua" -H "Authorization: Bearer $CLIENT_TOKEN"
h_rps=$WRK_RPS h_p50=$WRK_P50 h_p99=$WRK_P99 h_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))

# The same script, raw: extracted from the adapter's source, indentation stripped as a Java text block does.
raw_row="| raw \`redis-benchmark\` EVALSHA (same script) | n/a | n/a | n/a | not available |"
r_rps=
if need_tool redis-benchmark redis-tools && require_loopback "$REDIS_HOST"; then
  script=$(sed -n '/SLIDING_WINDOW = LuaScript.of("""/,/""");/p' \
    "$REPO_DIR/adapters-redis/src/main/java/dev/strata/adapters/redis/ratelimits/RedisRateLimiter.java" |
    sed '1d;$d' | sed 's/^            //')
  sha=$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" script load "$script")
  n=$(($(duration_seconds "$BENCH_DURATION") * 20000))
  key="strata:{00000000-0000-0000-0000-0000000000b4}:sessions:rl:bench-raw"
  raw=$(redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -c "$BENCH_CONNECTIONS" -n "$n" -r 100000000 --csv \
    evalsha "$sha" 1 "$key" 1 1000000 1 "m__rand_int__" 2>&1 | tail -n 1 | tr -d '"')
  printf '%s\n' "$raw" >"$RESULTS_DIR/$SCENARIO-redis-benchmark.csv"
  read -r r_rps r_p50 r_p99 < <(printf '%s\n' "$raw" | awk -F, '{print $(NF-6), $(NF-3), $(NF-1)}')
  if [[ $r_rps =~ ^[0-9.]+$ ]]; then
    raw_row="| raw \`redis-benchmark\` EVALSHA (same script) | $(fmt_int "$r_rps") | $(fmt_ms "$r_p50") | $(fmt_ms "$r_p99") | |"
    metric_put raw_ratelimit_evalsha_ops "$r_rps"
  else
    r_rps=
  fi
fi

metric_put identity_ping_user_rps "$u_rps"
metric_put identity_ping_client_rps "$c_rps"
metric_put identity_consume_rps "$h_rps"

fragment "$(settings_line) Latencies in ms." ""
fragment "| Request | req/s | p50 ms | p99 ms | non-2xx + socket errors |" \
  "|---|---:|---:|---:|---:|" \
  "| \`GET /v1/ping\`, client token (floor) | $(fmt_int "$c_rps") | $(fmt_ms "$c_p50") | $(fmt_ms "$c_p99") | $c_bad |" \
  "| \`GET /v1/ping\`, end-user token (sid check) | $(fmt_int "$u_rps") | $(fmt_ms "$u_p50") | $(fmt_ms "$u_p99") | $u_bad |" \
  "| **ratio user / client** (throughput is floor / user) | **$(ratio "$c_rps" "$u_rps")** | **$(ratio "$u_p50" "$c_p50")** | $(ratio "$u_p99" "$c_p99") | |" \
  "| \`POST /v1/rate-limits/bench/consume\` | $(fmt_int "$h_rps") | $(fmt_ms "$h_p50") | $(fmt_ms "$h_p99") | $h_bad |" \
  "$raw_row" \
  "| **ratio HTTP / raw decisions per second** | **$(ratio "$h_rps" "${r_rps:-}")** | | | |" \
  ""
profile_fragment consume "rate-limit decision, \`POST /v1/rate-limits/bench/consume\`"
log "done: ping client $c_rps, user $u_rps req/s; consume $h_rps/s, raw ${r_rps:-n/a}/s"
