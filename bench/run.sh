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
metric() { sed -n "s/^$1=//p" "$RESULTS_DIR/metrics.env" 2>/dev/null | tail -n 1; }
redis_v=$(metric version_redis)
[[ -n $redis_v ]] || redis_v=$(redis-server --version 2>/dev/null | awk '{print $3}' | sed 's/^v=//' || true)
pg_v=$(metric version_postgres)
[[ -n $pg_v ]] || pg_v=$(pgbench --version 2>/dev/null | awk '{print $3}' || true)
wrk_v=$(dpkg-query -W -f '${Version}' wrk 2>/dev/null || true)

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
