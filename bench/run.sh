#!/usr/bin/env bash
# Runs every bench/scenarios/*.sh in order and writes docs/BENCHMARKS.md from their fragments
# (bench/results/<scenario>.md). Usually started by `make bench`, which first brings the
# services up and builds the jar. Settings: see bench/lib.sh (BENCH_DURATION, ...).
# A scenario that cannot run records "not available: <reason>" and the run goes on; a scenario
# that fails is recorded as failed, the document is still written, and the exit code is 1.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
RESULTS_DIR=$BENCH_DIR/results
OUT=$REPO_DIR/docs/BENCHMARKS.md
# shellcheck source-path=SCRIPTDIR source=numbers.sh
source "$BENCH_DIR/numbers.sh"
export BENCH_DURATION=${BENCH_DURATION:-15s}
export BENCH_WARMUP=${BENCH_WARMUP:-$BENCH_DURATION}
export BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-50}
export BENCH_THREADS=${BENCH_THREADS:-2}
export BENCH_RUNNER=1

mkdir -p "$RESULTS_DIR" "$REPO_DIR/docs"
# Fresh fragments and raw outputs each run; tenant.env (benchmark tenant credentials) is kept.
find "$RESULTS_DIR" -maxdepth 1 -type f ! -name tenant.env -delete

mapfile -t scenarios < <(LC_ALL=C find "$BENCH_DIR/scenarios" -maxdepth 1 -name '*.sh' | LC_ALL=C sort)
((${#scenarios[@]})) || { echo "[bench] no scenarios under bench/scenarios" >&2; exit 1; }

failed=0
for s in "${scenarios[@]}"; do
  name=$(basename "$s" .sh)
  echo "[bench] === $name" >&2
  rc=0
  SCENARIO=$name bash "$s" 2> >(tee "$RESULTS_DIR/$name.log" >&2) || rc=$?
  if ((rc != 0)); then
    failed=1
    { [[ -s $RESULTS_DIR/$name.md ]] || printf '## %s\n\n' "$name"
      # shellcheck disable=SC2016 # literal backquotes: Markdown code
      printf '_failed: exit code %s; see `bench/results/%s.log`_\n\n' "$rc" "$name"
    } >>"$RESULTS_DIR/$name.md"
  fi
done

java_version=$(java -version 2>&1 | head -n 1 || echo unknown)
commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $commit != unknown && -n $(git -C "$REPO_DIR" status --porcelain --untracked-files=no -- . ':!docs/BENCHMARKS.md' 2>/dev/null) ]]; then
  commit="$commit (with uncommitted changes)"
fi
mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo unknown)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
# Server versions as reported by the scenarios that talked to them, else the local binaries'.
redis_v=$(metric_get version_redis)
[[ -n $redis_v ]] || redis_v=$(redis-server --version 2>/dev/null | awk '{print $3}' | sed 's/^v=//' || true)
pg_v=$(metric_get version_postgres)
[[ -n $pg_v ]] || pg_v=$(pgbench --version 2>/dev/null | awk '{print $3}' || true)
wrk_v=$(dpkg-query -W -f '${Version}' wrk 2>/dev/null || true)

# target_row <what> <target text> <value text> <met>
target_row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
# at_least <value> <bound> / at_most <value> <bound>: yes, no, or n/a when the value is not a number
at_least() { awk -v v="$1" -v b="$2" 'BEGIN { if (v !~ /^[0-9.]+$/) print "n/a"; else print (v + 0 >= b + 0 ? "**yes**" : "no") }'; }
at_most() { awk -v v="$1" -v b="$2" 'BEGIN { if (v !~ /^[0-9.]+$/) print "n/a"; else print (v + 0 <= b + 0 ? "**yes**" : "no") }'; }
both() {
  if [[ $1 == '**yes**' && $2 == '**yes**' ]]; then echo '**yes**'
  elif [[ $1 == n/a || $2 == n/a ]]; then echo n/a
  else echo no; fi
}

# targets: the performance targets, each read from this run's own figures (metrics.env), met or not
targets() {
  local l1 raw_get pub raw_pub sse50 sse99 rl raw_rl l3 raw_pg l3p99 enq raw_enq work raw_work claim99 r
  l1=$(metric_get cache_l1_rps) raw_get=$(metric_get raw_redis_get_ops)
  pub=$(metric_get events_publish_rps) raw_pub=$(metric_get events_raw_rps)
  sse50=$(metric_get events_sse_p50_ms) sse99=$(metric_get events_sse_p99_ms)
  rl=$(metric_get identity_consume_rps) raw_rl=$(metric_get raw_ratelimit_evalsha_ops)
  l3=$(metric_get cache_l3_rps) raw_pg=$(metric_get raw_pg_select_tps) l3p99=$(metric_get cache_l3_p99_ms)
  enq=$(metric_get jobs_enqueue_rps) raw_enq=$(metric_get jobs_raw_enqueue_tps)
  work=$(metric_get jobs_work_rps) raw_work=$(metric_get jobs_raw_work_tps) claim99=$(metric_get jobs_claim_p99_ms)
  printf '## Performance targets in this run\n\n'
  printf 'Each figure comes from a scenario below, in this run. Where a target is not met, the profile under that\n'
  printf "scenario's table (of the warm-up run of the same load) shows where the time goes, and docs/DECISIONS.md\n"
  printf '("Performance: ...") says what was changed and what would remove the rest.\n\n'
  printf '| Path | Target | This run (req/s or ms) | Met |\n|---|---|---|---|\n'
  r=$(ratio "$l1" "$raw_get")
  target_row "L1 hit vs raw redis-benchmark GET" "≥ 1.0 ×" "$(fmt_int "$l1") / $(fmt_int "$raw_get") = $r ×" "$(at_least "$r" 1.0)"
  r=$(ratio "$pub" "$raw_pub")
  target_row "durable publish, HTTP vs raw UPDATE + INSERT then XADD" "≥ 0.8 ×" "$(fmt_int "$pub") / $(fmt_int "$raw_pub") = $r ×" "$(at_least "$r" 0.8)"
  target_row "publish → SSE delivery at 1,000 events/s, one topic" "p50 ≤ 5 ms, p99 ≤ 20 ms" \
    "p50 ${sse50:-n/a}, p99 ${sse99:-n/a}" "$(both "$(at_most "$sse50" 5)" "$(at_most "$sse99" 20)")"
  r=$(ratio "$rl" "$raw_rl")
  target_row "rate-limit decision, HTTP vs raw EVALSHA" "≥ 0.6 ×" "$(fmt_int "$rl") / $(fmt_int "$raw_rl") = $r ×" "$(at_least "$r" 0.6)"
  r=$(ratio "$l3" "$raw_pg")
  target_row "L3 hit with Redis down vs pgbench PK read" "≥ 0.3 ×, p99 ≤ 20 ms" \
    "$(fmt_int "$l3") / $(fmt_int "$raw_pg") = $r ×, p99 ${l3p99:-n/a}" "$(both "$(at_least "$r" 0.3)" "$(at_most "$l3p99" 20)")"
  r=$(ratio "$enq" "$raw_enq")
  target_row "jobs enqueue, HTTP vs raw INSERT" "≥ 0.5 ×" "$(fmt_int "$enq") / $(fmt_int "$raw_enq") = $r ×" "$(at_least "$r" 0.5)"
  r=$(ratio "$work" "$raw_work")
  target_row "jobs claim + complete, HTTP vs raw SKIP LOCKED + UPDATE" "≥ 0.5 ×" "$(fmt_int "$work") / $(fmt_int "$raw_work") = $r ×" "$(at_least "$r" 0.5)"
  target_row "jobs runAt → claim" "p99 ≤ 50 ms" "p99 ${claim99:-n/a}" "$(at_most "$claim99" 50)"
  printf '\n'
}

{
  cat <<EOF
# Benchmarks

Throughput and latency of Strata against the framework floor and the raw stores it wraps.
Each scenario states its own ratio (Strata/raw or Strata/floor). Load generator, Strata and the
stores share one host over loopback, so the absolute numbers are a property of this machine
and vary between runs; compare ratios taken within one run.

How to reproduce: \`make bench\` (services up, jar built, then \`bench/run.sh\`; one scenario
alone: \`bench/scenarios/<name>.sh\`). Settings: BENCH_DURATION=$BENCH_DURATION,
BENCH_WARMUP=$BENCH_WARMUP, BENCH_CONNECTIONS=$BENCH_CONNECTIONS, BENCH_THREADS=$BENCH_THREADS.

| | |
|---|---|
| Date (UTC) | $(date -u '+%Y-%m-%d %H:%M') |
| Commit | $commit |
| CPUs (\`nproc\`) | $(nproc)${cpu:+ ($cpu)} |
| Memory | $mem |
| Kernel | $(uname -sr) |
| Java | $java_version |
| Redis / PostgreSQL | ${redis_v:-?} / ${pg_v:-?} |
| wrk | ${wrk_v:-not installed} |

EOF
  targets
  for s in "${scenarios[@]}"; do
    name=$(basename "$s" .sh)
    if [[ -s $RESULTS_DIR/$name.md ]]; then cat "$RESULTS_DIR/$name.md"
    else printf '## %s\n\n_no result written_\n\n' "$name"; fi
  done
} >"$OUT.tmp"
# One trailing newline, no trailing blank lines.
sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$OUT.tmp" >"$OUT"
rm -f "$OUT.tmp"
echo "[bench] wrote ${OUT#"$REPO_DIR"/}" >&2
exit "$failed"
