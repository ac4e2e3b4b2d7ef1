#!/usr/bin/env bash
# Token keys: no load of its own. Compares this run's GET /v1/ping (scenario 01) and L1-hit GET
# (scenario 03) with the figures measured before tokens moved to micronaut-security-jwt and the key
# ring (kid, ES256 option). Both requests reuse a verified token from memory, so they must stay within
# 5 %. Absolute req/s vary between runs on one host; the bound is therefore checked on each request's
# ratio to the bare Micronaut floor of the same run (scenario 01).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

# Before (benchmark run of commit 05d9f8c, the hand-written HMAC codec): req/s.
BEFORE_BARE=101263
BEFORE_PING=55358
BEFORE_L1=85934

fragment_begin "Token keys: before and after micronaut-security-jwt" \
  "No load of its own: \`GET /v1/ping\` of scenario 01 and the L1 hit of scenario 03 next to the same requests before tokens were signed and verified through micronaut-security-jwt with a key ring (hand-written HMAC codec). A repeated token is answered from the verified-token cache either way, so both must stay within 5 %: the check divides each request by the bare Micronaut floor of its own run (before: $(fmt_int "$BEFORE_BARE") req/s) and requires after / before ≥ 0.95."

bare=$(metric_get floor_bare_rps)
ping=$(metric_get floor_ping_rps)
l1=$(metric_get cache_l1_rps)
[[ -n $ping && -n $l1 ]] || not_available "scenarios 01 and 03 recorded no ping or L1-hit figures in this run"

row() {
  local name=$1 before=$2 after=$3 before_ratio after_ratio
  before_ratio=$(ratio "$before" "$BEFORE_BARE" 3)
  after_ratio=$(ratio "$after" "${bare:-}" 3)
  printf '| %s | %s | %s | %s | %s | **%s** |\n' "$name" "$(fmt_int "$before")" "$(fmt_int "$after")" \
    "$before_ratio" "$after_ratio" "$(ratio "$after_ratio" "$before_ratio")"
}
fragment "| Request | before req/s | after req/s | before / bare | after / bare | after / before (target ≥ 0.95) |" \
  "|---|---:|---:|---:|---:|---:|" \
  "$(row "\`GET /v1/ping\` (Bearer)" "$BEFORE_PING" "$ping")" \
  "$(row "L1 hit (\`GET /v1/cache/{ns}/{key}\`, fast path)" "$BEFORE_L1" "$l1")" \
  ""
[[ -n $bare ]] || fragment "The bare floor was not measured in this run, so the ratios read n/a; compare the req/s columns with care." ""
log "done: ping $ping req/s (before $BEFORE_PING), L1 $l1 req/s (before $BEFORE_L1)"
