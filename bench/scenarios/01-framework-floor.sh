#!/usr/bin/env bash
# Framework floor + auth cost. First a bare Micronaut application (bench/bare-micronaut, same
# platform version, one controller, none of Strata's filters) alone on the machine: GET /bare.
# Then one Strata instance: the unauthenticated liveness probe (GET /health/liveness) and an
# authenticated no-op (GET /v1/ping with a Bearer token), same wrk load.
# Ratios: ping / liveness, liveness / bare and ping / bare (throughput, p50, p99).
# The bare baseline is optional: when it cannot be built or started its row reads n/a (with the
# reason) and the Strata part still runs.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

fragment_begin "Framework floor and auth cost" \
  "wrk against \`GET /bare\` of a bare Micronaut application (\`bench/bare-micronaut\`: the same Micronaut platform version, one controller answering \`ok\`, no filters, no metrics, no request logging; run alone and stopped before Strata starts), then against one Strata instance: \`GET /health/liveness\` (no authentication, but through all of Strata's filters) and \`GET /v1/ping\` (Bearer token of a benchmark tenant; answers the caller's tenant and subject). Bare is the framework's floor; liveness adds Strata's filters; the difference to ping is the cost of token verification and tenant resolution. Ratios: ping / liveness, liveness / bare, ping / bare."

need_tool wrk wrk || not_available "wrk is not installed"
need_tool curl curl || not_available "curl is not installed"

# --- the bare baseline, alone on the machine ------------------------------------------------------
b_rps=n/a b_p50=n/a b_p99=n/a b_bad='' bare_note=
if bare_build && bare_start; then
  wrk_bench bare "http://127.0.0.1:$BARE_PORT/bare"
  b_rps=$WRK_RPS b_p50=$WRK_P50 b_p99=$WRK_P99 b_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
else
  bare_note="The bare Micronaut baseline is not available: $BARE_ERROR"
  log "bare baseline not available: $BARE_ERROR"
fi
bare_stop
# Empty when the baseline did not run, so that later scenarios print n/a rather than an old figure.
metric_put floor_bare_rps "${b_rps#n/a}"
metric_put floor_bare_p50_ms "${b_p50#n/a}"
metric_put floor_bare_p99_ms "${b_p99#n/a}"

# --- Strata ------------------------------------------------------------------------------------------
strata_start || not_available "$STRATA_ERROR"
strata_bench_tenant || not_available "$STRATA_ERROR"

base=http://127.0.0.1:$STRATA_PORT
auth="Authorization: Bearer $ACCESS_TOKEN"
code=$(http_status -H "$auth" "$base/v1/ping")
[[ $code == 200 ]] || not_available "GET /v1/ping answered HTTP $code"
ping_body=$(curl -s --max-time 5 -H "$auth" "$base/v1/ping")
ping_note=
[[ $ping_body == *"$TENANT_ID"* ]] || ping_note="Note: the /v1/ping body did not contain the caller's tenant id."

wrk_bench liveness "$base/health/liveness"
l_rps=$WRK_RPS l_p50=$WRK_P50 l_p99=$WRK_P99 l_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))

# A fresh token, so that a long liveness run cannot let it expire under the ping run.
ACCESS_TOKEN=$(strata_token "$CLIENT_ID" "$CLIENT_SECRET")
[[ -n $ACCESS_TOKEN ]] || not_available "POST /v1/auth/token gave no access_token"
auth="Authorization: Bearer $ACCESS_TOKEN"
wrk_bench ping "$base/v1/ping" -H "$auth"
p_rps=$WRK_RPS p_p50=$WRK_P50 p_p99=$WRK_P99 p_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))

metric_put floor_liveness_rps "$l_rps"
metric_put floor_liveness_p50_ms "$l_p50"
metric_put floor_liveness_p99_ms "$l_p99"
metric_put floor_ping_rps "$p_rps"
metric_put floor_ping_p50_ms "$p_p50"
metric_put floor_ping_p99_ms "$p_p99"

fragment "$(settings_line) Latencies in ms." ""
fragment "| Request | req/s | p50 ms | p99 ms | non-2xx + socket errors |" \
  "|---|---:|---:|---:|---:|" \
  "| \`GET /bare\` (bare Micronaut app, no Strata filters) | $(fmt_int "$b_rps") | $(fmt_ms "$b_p50") | $(fmt_ms "$b_p99") | $b_bad |" \
  "| \`GET /health/liveness\` (no auth) | $(fmt_int "$l_rps") | $(fmt_ms "$l_p50") | $(fmt_ms "$l_p99") | $l_bad |" \
  "| \`GET /v1/ping\` (Bearer) | $(fmt_int "$p_rps") | $(fmt_ms "$p_p50") | $(fmt_ms "$p_p99") | $p_bad |" \
  "| **ratio ping / liveness** | **$(ratio "$p_rps" "$l_rps")** | $(ratio "$p_p50" "$l_p50") | **$(ratio "$p_p99" "$l_p99")** | |" \
  "| ratio liveness / bare | $(ratio "$l_rps" "$b_rps") | $(ratio "$l_p50" "$b_p50") | $(ratio "$l_p99" "$b_p99") | |" \
  "| ratio ping / bare | $(ratio "$p_rps" "$b_rps") | $(ratio "$p_p50" "$b_p50") | $(ratio "$p_p99" "$b_p99") | |" \
  ""
if ((l_bad + p_bad + ${b_bad:-0} > 0)); then
  fragment "Warning: some responses were not 2xx or failed at the socket level; see \`bench/results/$SCENARIO-*.wrk.txt\`." ""
fi
[[ -z $bare_note ]] || fragment "${bare_note//"$REPO_DIR"\//}" ""
[[ -z $ping_note ]] || fragment "$ping_note" ""
log "done: bare $b_rps req/s p99 $b_p99 ms; liveness $l_rps req/s p99 $l_p99 ms; ping $p_rps req/s p99 $p_p99 ms"
