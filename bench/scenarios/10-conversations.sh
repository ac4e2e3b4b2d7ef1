#!/usr/bin/env bash
# Conversations: message-list reads through HTTP with the conversations cache on (the defaults) and off
# (strata.conversations.cache.enabled=false: every list reads Postgres), and a read-heavy mix (90 % list reads,
# 10 % posts) on both, with the cache hit rate of its reads counted from the X-Cache header of every response.
# One end user, BENCH_CONVERSATIONS conversations of BENCH_SEED_MESSAGES messages each; a read picks one at random.
#
# Settings: BENCH_CONVERSATIONS (20), BENCH_SEED_MESSAGES (60), BENCH_PAGE (50), BENCH_READ_SHARE (0.9).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

CONVERSATIONS=${BENCH_CONVERSATIONS:-20}
SEED_MESSAGES=${BENCH_SEED_MESSAGES:-60}
PAGE=${BENCH_PAGE:-50}
READ_SHARE=${BENCH_READ_SHARE:-0.9}
read_pct=$(awk -v r="$READ_SHARE" 'BEGIN { printf "%.0f", r * 100 }')

fragment_begin "Conversations: message lists, cached and uncached" \
  "One Strata instance, one end user (a user token: signature and session check on every request), $CONVERSATIONS conversations of $SEED_MESSAGES messages. (1) wrk GETs \`/v1/conversations/{id}/messages?limit=$PAGE\` of a random one of them: with the conversations cache on (the defaults: the first page is cut from the cached newest 100 messages in Redis), then after a restart with \`strata.conversations.cache.enabled=false\` (every list is a Postgres query). (2) The read-heavy mix on both: $read_pct % such reads, the rest \`POST /v1/conversations/{id}/messages\` to a random one of them (each post drops that conversation's cached page and recent list, and the writer refills them in the background). The hit rate is counted from the \`X-Cache\` header (HIT/MISS) of every read response in the measured run. Posting is rate limited per user (60/min by default): the instance runs with the limit lifted. Ratio = cached / uncached."

need_tool wrk wrk || not_available "wrk is not installed"
need_tool curl curl || not_available "curl is not installed"
require_loopback "$REDIS_HOST" "$PG_HOST"
STRATA_JAVA_OPTS="$STRATA_JAVA_OPTS -Dstrata.rate-limits.policies.conversation-messages.limit=1000000"
strata_start || not_available "$STRATA_ERROR"
base=http://127.0.0.1:$STRATA_PORT

slug=bench-conv-$(date -u +%H%M%S)-$((RANDOM % 1000))
out=$(strata_admin create-tenant "$slug" 2>&1) || not_available "admin create-tenant failed"
email="bench-$RANDOM@example.org"
password="benchmark passphrase 0123"
creds=$(printf '{"tenant":"%s","email":"%s","password":"%s"}' "$slug" "$email" "$password")
code=$(http_status -X POST -H 'Content-Type: application/json' -d "$creds" "$base/v1/auth/register")
[[ $code == 201 ]] || not_available "POST /v1/auth/register answered HTTP $code"
USER_TOKEN=$(curl -s --max-time 10 -X POST -H 'Content-Type: application/json' -d "$creds" "$base/v1/auth/login" | json_field accessToken)
[[ -n $USER_TOKEN ]] || not_available "could not log the benchmark user in"
auth="Authorization: Bearer $USER_TOKEN"

log "seeding $CONVERSATIONS conversations of $SEED_MESSAGES messages"
ids=()
for ((c = 0; c < CONVERSATIONS; c++)); do
  id=$(curl -s --max-time 10 -X POST -H "$auth" -H 'Content-Type: application/json' -d "{\"title\":\"bench $c\"}" \
    "$base/v1/conversations" | json_field id)
  [[ -n $id ]] || not_available "POST /v1/conversations gave no id"
  ids+=("$id")
  for ((m = 0; m < SEED_MESSAGES; m++)); do
    role=$([[ $((m % 2)) == 0 ]] && echo user || echo assistant)
    curl -s -o /dev/null --max-time 10 -X POST -H "$auth" -H 'Content-Type: application/json' \
      -d "{\"role\":\"$role\",\"content\":\"seed message $m of conversation $c: a sentence of ordinary chat length, give or take.\"}" \
      "$base/v1/conversations/$id/messages"
  done
done
code=$(http_status -H "$auth" "$base/v1/conversations/${ids[0]}/messages?limit=$PAGE")
[[ $code == 200 ]] || not_available "GET /v1/conversations/{id}/messages answered HTTP $code"

# write_lua <file> <read share>: random conversation per request; reads count X-Cache HIT/MISS per thread
write_lua() {
  local list
  list=$(printf '"%s",' "${ids[@]}")
  cat >"$1" <<LUA
local ids = {${list%,}}
local share = $2
local threads = {}
hits, reads = 0, 0
function setup(thread) table.insert(threads, thread) end
request = function()
  local id = ids[math.random(#ids)]
  if math.random() < share then
    return wrk.format("GET", "/v1/conversations/" .. id .. "/messages?limit=$PAGE",
      {["Authorization"] = "Bearer $USER_TOKEN"})
  end
  return wrk.format("POST", "/v1/conversations/" .. id .. "/messages",
    {["Authorization"] = "Bearer $USER_TOKEN", ["Content-Type"] = "application/json"},
    '{"role":"user","content":"a message posted under load, of ordinary chat length, give or take."}')
end
response = function(status, headers, body)
  local x = headers["X-Cache"] or headers["x-cache"]
  if x then
    reads = reads + 1
    if x == "HIT" then hits = hits + 1 end
  end
end
done = function(summary, latency, requests)
  local h, r = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); r = r + t:get("reads") end
  io.write(string.format("xcache hits=%d reads=%d\n", h, r))
end
LUA
}
hit_rate() { # hit_rate <wrk output> -> percent of reads answered from the cache
  awk '/^xcache hits=/ { split($2, h, "="); split($3, r, "="); if (r[2] > 0) printf "%.1f\n", 100 * h[2] / r[2]; else print "n/a" }' "$1"
}

lists=$RESULTS_DIR/$SCENARIO-lists.lua
mix=$RESULTS_DIR/$SCENARIO-mix.lua
write_lua "$lists" 2
write_lua "$mix" "$READ_SHARE"

# --- cache on ----------------------------------------------------------------------------------
wrk_bench cached "$base/v1/conversations" -s "$lists"
c_rps=$WRK_RPS c_p50=$WRK_P50 c_p99=$WRK_P99 c_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
c_hits=$(hit_rate "$RESULTS_DIR/$SCENARIO-cached.wrk.txt")
wrk_bench mix-cached "$base/v1/conversations" -s "$mix"
m_rps=$WRK_RPS m_p50=$WRK_P50 m_p99=$WRK_P99 m_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
m_hits=$(hit_rate "$RESULTS_DIR/$SCENARIO-mix-cached.wrk.txt")
strata_stop

# --- cache off ---------------------------------------------------------------------------------
STRATA_JAVA_OPTS="$STRATA_JAVA_OPTS -Dstrata.conversations.cache.enabled=false"
strata_start || not_available "$STRATA_ERROR"
base=http://127.0.0.1:$STRATA_PORT
code=$(http_status -H "$auth" "$base/v1/conversations/${ids[0]}/messages?limit=$PAGE")
[[ $code == 200 ]] || not_available "GET /v1/conversations/{id}/messages (cache off) answered HTTP $code"
wrk_bench uncached "$base/v1/conversations" -s "$lists"
u_rps=$WRK_RPS u_p50=$WRK_P50 u_p99=$WRK_P99 u_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
u_hits=$(hit_rate "$RESULTS_DIR/$SCENARIO-uncached.wrk.txt")
wrk_bench mix-uncached "$base/v1/conversations" -s "$mix"
n_rps=$WRK_RPS n_p50=$WRK_P50 n_p99=$WRK_P99 n_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
n_hits=$(hit_rate "$RESULTS_DIR/$SCENARIO-mix-uncached.wrk.txt")

metric_put conversations_list_cached_rps "$c_rps"
metric_put conversations_list_uncached_rps "$u_rps"
metric_put conversations_mix_hit_rate "$m_hits"

fragment "$(settings_line) Latencies in ms; pages of $PAGE messages." ""
fragment "| Path | requests/s | p50 ms | p99 ms | reads from cache | errors |" \
  "|---|---:|---:|---:|---:|---:|" \
  "| message list, cache on | $(fmt_int "$c_rps") | $(fmt_ms "$c_p50") | $(fmt_ms "$c_p99") | ${c_hits:-n/a} % | $c_bad |" \
  "| message list, cache off | $(fmt_int "$u_rps") | $(fmt_ms "$u_p50") | $(fmt_ms "$u_p99") | ${u_hits:-n/a} % | $u_bad |" \
  "| **ratio lists cached / uncached** | **$(ratio "$c_rps" "$u_rps")** | | | | |" \
  "| mix $read_pct % lists / posts, cache on | $(fmt_int "$m_rps") | $(fmt_ms "$m_p50") | $(fmt_ms "$m_p99") | **${m_hits:-n/a} %** | $m_bad |" \
  "| mix $read_pct % lists / posts, cache off | $(fmt_int "$n_rps") | $(fmt_ms "$n_p50") | $(fmt_ms "$n_p99") | ${n_hits:-n/a} % | $n_bad |" \
  "| ratio mix cached / uncached | $(ratio "$m_rps" "$n_rps") | | | | |" \
  ""
log "done: lists cached $c_rps/s (${c_hits}% hits), uncached $u_rps/s; mix cached $m_rps/s (${m_hits}% hits), uncached $n_rps/s"
