# shellcheck shell=bash disable=SC2034 # variables set here are read by the scenarios
# Shared helpers for bench/run.sh and bench/scenarios/*.sh. Source it; do not run it.
#
# Settings (environment):
#   BENCH_DURATION     measured run length for wrk and pgbench (default 15s; 30s, 1m, 90 work)
#   BENCH_WARMUP       warm-up run length before every measured run (default: BENCH_DURATION)
#   BENCH_CONNECTIONS  concurrent connections / clients (default 50)
#   BENCH_THREADS      load-generator threads (default 2)
#   BENCH_PROFILE      1 (default): profile the warm-up of the loads a scenario names (JFR + CPU per
#                      process, see profile_begin); 0: no profiling
#   BENCH_PROFILE_SKIP seconds of a profiled warm-up run before the profile starts (default: a third)
#   BENCH_PORT         HTTP port for the Strata instance under test (default: a free port)
#   STRATA_JAR         the jar under test (default bootstrap/target/strata.jar)
#   STRATA_JAVA_OPTS   JVM options (default -Xmx1g)
#   BARE_JAVA_OPTS     JVM options of the bare Micronaut baseline (default: STRATA_JAVA_OPTS)
#   REDIS_URI, DATASOURCES_DEFAULT_URL/_USERNAME/_PASSWORD: the stores, as for `make run`
#   (default redis://127.0.0.1:6379 and jdbc:postgresql://127.0.0.1:5432/strata, strata/strata).
# Load is only ever generated against loopback addresses.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
RESULTS_DIR=$BENCH_DIR/results
mkdir -p "$RESULTS_DIR"

BENCH_DURATION=${BENCH_DURATION:-15s}
BENCH_WARMUP=${BENCH_WARMUP:-$BENCH_DURATION}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-50}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_PROFILE=${BENCH_PROFILE:-1}
STRATA_JAR=${STRATA_JAR:-$REPO_DIR/bootstrap/target/strata.jar}
STRATA_JAVA_OPTS=${STRATA_JAVA_OPTS:--Xmx1g}
BARE_DIR=$BENCH_DIR/bare-micronaut
BARE_JAR=$BARE_DIR/target/bare-micronaut.jar
BARE_JAVA_OPTS=${BARE_JAVA_OPTS:-$STRATA_JAVA_OPTS}

# The scenario being run: its file name without .sh (e.g. 01-framework-floor).
SCENARIO=${SCENARIO:-$(basename "$0" .sh)}
FRAGMENT=$RESULTS_DIR/$SCENARIO.md

log() { printf '[bench %s] %s\n' "$SCENARIO" "$*" >&2; }
die() { printf '[bench %s] ERROR: %s\n' "$SCENARIO" "$*" >&2; exit 1; }

# --- clean-up at exit: every helper that starts something registers how to stop it --------
_ON_EXIT=()
on_exit() { _ON_EXIT+=("$*"); }
_run_on_exit() {
  local i
  for ((i = ${#_ON_EXIT[@]} - 1; i >= 0; i--)); do eval "${_ON_EXIT[i]}" || true; done
  # Run alone (not from bench/run.sh): show the fragment.
  if [[ -z ${BENCH_RUNNER:-} && -s $FRAGMENT ]]; then cat "$FRAGMENT"; fi
}
trap _run_on_exit EXIT
trap 'exit 130' INT TERM

# --- stores: host/port/credentials, loopback only ------------------------------------------
_redis_uri=${REDIS_URI:-redis://127.0.0.1:6379}
_redis_hostport=${_redis_uri#*://}
_redis_hostport=${_redis_hostport##*@}
_redis_hostport=${_redis_hostport%%/*}
REDIS_HOST=${_redis_hostport%:*}
REDIS_PORT=${_redis_hostport##*:}
[[ $REDIS_PORT == "$_redis_hostport" || -z $REDIS_PORT ]] && REDIS_PORT=6379

_pg_url=${DATASOURCES_DEFAULT_URL:-jdbc:postgresql://127.0.0.1:5432/strata}
_pg_hostport=${_pg_url#*://}
_pg_hostport=${_pg_hostport%%/*}
PG_HOST=${_pg_hostport%:*}
PG_PORT=${_pg_hostport##*:}
[[ $PG_PORT == "$_pg_hostport" || -z $PG_PORT ]] && PG_PORT=5432
PG_DB=${_pg_url##*/}
PG_DB=${PG_DB%%\?*}
PG_USER=${DATASOURCES_DEFAULT_USERNAME:-strata}
PG_PASSWORD=${DATASOURCES_DEFAULT_PASSWORD:-strata}

is_loopback() { [[ $1 == 127.* || $1 == localhost || $1 == ::1 || $1 == '[::1]' ]]; }
require_loopback() {
  local h
  for h in "$@"; do is_loopback "$h" || die "refusing to generate load against non-loopback host '$h'"; done
}

# --- tools -----------------------------------------------------------------------------------
# need_tool <command> <debian package>: install the package with apt-get when missing (as root).
need_tool() {
  command -v "$1" >/dev/null && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing $2 (for $1)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null 2>&1 || {
      apt-get update -qq >/dev/null 2>&1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null 2>&1
    } || true
  fi
  command -v "$1" >/dev/null
}

# duration_seconds 15s|2m|1h|90 -> whole seconds
duration_seconds() {
  local d=$1
  case $d in
    *ms) echo 1 ;;
    *s) echo "${d%s}" ;;
    *m) echo $((${d%m} * 60)) ;;
    *h) echo $((${d%h} * 3600)) ;;
    *) echo "$d" ;;
  esac
}

# to_ms, ratio, fmt_int, fmt_ms, metric_get: shared with run.sh
# shellcheck source-path=SCRIPTDIR source=numbers.sh
source "$BENCH_DIR/numbers.sh"

# --- profile of a warm-up run (BENCH_PROFILE) ----------------------------------------------------
# Where a target is open, the scenario profiles the warm-up of that load: it runs the same load right
# before the measured run, so recording it costs the measured run nothing. The scenario names the loads
# in PROFILE_LABELS (wrk_bench and the Java clients' warm-ups call profile_begin/profile_end for them)
# and writes the summary after its results table with profile_fragment. Captured for the warm-up:
#   - a JFR recording (settings=profile) of every JVM in PROFILE_JVMS (default: the Strata instance),
#     bench/results/<scenario>-<label>.jfr;
#   - the CPU time of each process from /proc/<pid>/stat (utime + stime, and the reaped children's):
#     the Strata JVM (and of it its JIT compiler and GC/VM threads), the Postgres backends serving it
#     (matched by the client port of its connections), the other Postgres processes, redis-server,
#     the load tool (the children this shell waited for), and everything else on the machine (/proc/stat).
PROFILE_LABELS=${PROFILE_LABELS:-}
PROFILE_JVMS=${PROFILE_JVMS:-}
PROFILE_SUMMARY=$BENCH_DIR/profile/JfrSummary.java

# profile_wanted <label>: is the warm-up of this load to be profiled?
profile_wanted() { [[ $BENCH_PROFILE != 0 && " $PROFILE_LABELS " == *" $1 "* ]]; }

# profile_split <warm-up seconds>: a profiled warm-up runs in two parts, the load started afresh for the
# second: PROFILE_SKIP_S seconds unprofiled (BENCH_PROFILE_SKIP, default a third of the warm-up: most of
# the JIT compilation of a new path happens there), then PROFILE_RUN_S seconds under the profile.
profile_split() {
  local warm=$1 skip
  skip=${BENCH_PROFILE_SKIP:-$((warm / 3))}
  skip=$(duration_seconds "$skip")
  ((skip < warm)) || skip=$((warm > 1 ? warm - 1 : 0))
  PROFILE_SKIP_S=$skip
  PROFILE_RUN_S=$((warm - skip))
}

# _proc_stat <file>: sets _COMM and _ST (the fields after the command name: _ST[11] utime, [12] stime,
# [13] cutime, [14] cstime, in clock ticks). No subprocess.
_proc_stat() {
  local line
  { read -r line <"$1"; } 2>/dev/null || return 1
  _COMM=${line#*(}
  _COMM=${_COMM%)*}
  read -ra _ST <<<"${line##*) }"
}

# _jvm_pg_ports <pid>...: the local ports of these processes' TCP connections to Postgres.
_jvm_pg_ports() {
  local p inodes=" " sl laddr raddr rest inode pg_hex
  pg_hex=$(printf '%04X' "$PG_PORT")
  for p; do
    [[ -d /proc/$p/fd ]] || continue
    inodes+=$(find "/proc/$p/fd" -lname 'socket:*' -printf '%l ' 2>/dev/null | sed 's/socket:\[\([0-9]*\)\]/\1/g')
  done
  for p in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $p ]] || continue
    while read -r sl laddr raddr _ _ _ _ _ _ inode rest; do
      [[ $sl == sl ]] && continue
      [[ ${raddr##*:} == "$pg_hex" && $inodes == *" $inode "* ]] && printf "%d " "$((16#${laddr##*:}))"
    done <"$p"
  done
}

# _profile_snapshot <jvm pid>...: CPU counters of everything profile_end divides up, one per line.
_profile_snapshot() {
  local f pid ticks cmd port group t user nice system idle iowait irq softirq steal
  printf 'time %s\n' "${EPOCHREALTIME/[.,]/}"
  read -r _ user nice system idle iowait irq softirq steal _ </proc/stat
  printf 'cpu %s %s\n' "$((user + nice + system + irq + softirq + steal))" \
    "$((user + nice + system + idle + iowait + irq + softirq + steal))"
  printf 'pgports %s\n' "$(_jvm_pg_ports "$@")"
  for pid; do
    _proc_stat "/proc/$pid/stat" || continue
    printf 'jvm %s %s\n' "$pid" "$((_ST[11] + _ST[12]))"
    for f in /proc/"$pid"/task/*/stat; do
      _proc_stat "$f" || continue
      case $_COMM in
        C1\ Compiler* | C2\ Compiler*) group=jit ;;
        GC\ Thread* | G1\ * | VM\ Thread) group=gc ;;
        *) group=app ;;
      esac
      t=${f%/stat}
      printf 'jvmtask %s/%s %s %s\n' "$pid" "${t##*/}" "$group" "$((_ST[11] + _ST[12]))"
    done
  done
  for f in /proc/[0-9]*/stat; do
    _proc_stat "$f" || continue
    [[ $_COMM == postgres || $_COMM == redis-server ]] || continue
    pid=${f#/proc/}
    pid=${pid%/stat}
    ticks=$((_ST[11] + _ST[12] + _ST[13] + _ST[14]))
    if [[ $_COMM == postgres ]]; then
      cmd=
      { read -r -d '' cmd <"/proc/$pid/cmdline"; } 2>/dev/null || true
      port=0
      [[ $cmd =~ \(([0-9]+)\) ]] && port=${BASH_REMATCH[1]}
      printf 'pg %s %s %s\n' "$pid" "$ticks" "$port"
    else
      printf 'redis %s %s\n' "$pid" "$ticks"
    fi
  done
  # last: this shell's waited-for children (the load tool runs between two snapshots)
  _proc_stat "/proc/$BASHPID/stat" && printf 'self %s\n' "$((_ST[13] + _ST[14]))"
}

# profile_begin <label>: starts the JFR recordings and takes the first CPU snapshot. Never fails the
# scenario: a recording that does not start is noted in <scenario>-<label>.profile.log.
profile_begin() {
  local label=$1 pid jfr out base=$RESULTS_DIR/$SCENARIO-$1
  local jvms=${PROFILE_JVMS:-$STRATA_PID}
  rm -f "$base".jfr "$base"-*.jfr "$base".profile.env
  : >"$base.profile.log"
  for pid in $jvms; do
    jfr=$base.jfr
    [[ $jvms == "$pid" ]] || jfr=$base-$pid.jfr
    # deep enough for Micronaut's request path through Netty (the default, 64, cuts it)
    # (refused once the recorder runs: a later recording keeps the depth of the first)
    jcmd "$pid" JFR.configure stackdepth=256 >>"$base.profile.log" 2>&1 || true
    out=$(jcmd "$pid" JFR.start name="bench-$label" settings=profile filename="$jfr" 2>&1) || true
    printf '%s\n' "$out" >>"$base.profile.log"
    [[ $out == *"Started recording"* ]] \
      || log "profile $label: JFR did not start in JVM $pid (see ${base#"$REPO_DIR"/}.profile.log)"
  done
  log "profiling the warm-up of $label (JFR of JVM ${jvms:-none}, CPU of each process)"
  # shellcheck disable=SC2086 # one argument per pid
  _profile_snapshot $jvms >"$base.cpu-begin.txt"
}

# profile_end <label> <completed units in the warm-up> <unit, e.g. requests> <load tool>: second CPU
# snapshot, stops the recordings, writes <scenario>-<label>.profile.env (CPU milliseconds per process
# over the window) for profile_fragment.
profile_end() {
  local label=$1 count=${2:-} unit=${3:-requests} tool=${4:-load tool} pid base=$RESULTS_DIR/$SCENARIO-$1
  local jvms=${PROFILE_JVMS:-$STRATA_PID}
  # shellcheck disable=SC2086 # one argument per pid
  _profile_snapshot $jvms >"$base.cpu-end.txt"
  for pid in $jvms; do
    jcmd "$pid" JFR.stop name="bench-$label" >>"$base.profile.log" 2>&1 || true
  done
  {
    printf 'count=%s\nunit=%q\ntool=%q\nskip_s=%s\n' "${count:-}" "$unit" "$tool" "${PROFILE_SKIP_S:-0}"
    awk -v hz="$(getconf CLK_TCK)" -v ncpu="$(nproc)" '
      FNR == NR { begin[$1 " " $2] = ($1 == "jvmtask") ? $4 : $3
                  if ($1 == "pgports") for (i = 2; i <= NF; i++) ports[$i] = 1
                  if ($1 == "time" || $1 == "self") begin[$1] = $2
                  if ($1 == "cpu") { busy0 = $2; total0 = $3 }
                  next }
      $1 == "time" { window = ($2 - begin["time"]) / 1000 }
      $1 == "self" { load = $2 - begin["self"] }
      $1 == "cpu" { busy = $2 - busy0; total = $3 - total0 }
      $1 == "pgports" { for (i = 2; i <= NF; i++) ports[$i] = 1 }
      $1 == "jvm" { jvm += $3 - begin["jvm " $2] }
      $1 == "jvmtask" { d = $4 - begin["jvmtask " $2]; if ($3 == "jit") jit += d; else if ($3 == "gc") gc += d }
      $1 == "redis" { redis += $3 - begin["redis " $2] }
      $1 == "pg" { pgl[$2] = $0 }
      END {
        for (p in pgl) {
          split(pgl[p], f, " ")
          d = f[3] - begin["pg " p]
          if (f[4] != 0 && (f[4] in ports)) pgs += d; else pgo += d
        }
        ms = 1000 / hz
        # all CPUs busy, as milliseconds of one core: /proc/stat counts every CPU
        all = total > 0 ? busy / total * ncpu * window : 0
        printf "window_ms=%.0f\nncpu=%d\nstrata_ms=%.0f\njit_ms=%.0f\ngc_ms=%.0f\npg_strata_ms=%.0f\npg_other_ms=%.0f\n",
          window, ncpu, jvm * ms, jit * ms, gc * ms, pgs * ms, pgo * ms
        printf "redis_ms=%.0f\nload_ms=%.0f\nbusy_ms=%.0f\n", redis * ms, load * ms, all
      }' "$base.cpu-begin.txt" "$base.cpu-end.txt"
  } >"$base.profile.env"
}

# profile_fragment <label> <title>: the "where the time goes" block of one profiled load, into the
# fragment: the CPU split, then the JVM layers, GC and hottest methods from the JFR recording(s).
profile_fragment() {
  local label=$1 title=$2 base=$RESULTS_DIR/$SCENARIO-$1 jfrs=() f
  [[ $BENCH_PROFILE != 0 ]] || return 0
  fragment "**Where the time goes: $title** (profile of the warm-up run)" ""
  if [[ ! -s $base.profile.env ]]; then
    fragment "_not profiled: no warm-up run (BENCH_WARMUP=$BENCH_WARMUP)_" ""
    return 0
  fi
  local count unit tool skip_s window_ms ncpu strata_ms jit_ms gc_ms pg_strata_ms pg_other_ms redis_ms load_ms busy_ms
  # shellcheck disable=SC1090
  source "$base.profile.env"
  fragment "$(awk -v c="$count" -v cf="$(fmt_int "$count")" -v skip="$skip_s" -v u="$unit" -v tool="$tool" -v w="$window_ms" -v n="$ncpu" -v s="$strata_ms" \
    -v jit="$jit_ms" -v gc="$gc_ms" -v ps="$pg_strata_ms" -v po="$pg_other_ms" -v r="$redis_ms" -v l="$load_ms" \
    -v b="$busy_ms" '
    function pct(x) { return sprintf("%.0f %%", w > 0 ? x / w * 100 : 0) }
    function per(x) { return (c > 0) ? sprintf("%.3f", x / c) : "n/a" }
    function row(name, x) { printf "| %s | %s | %s |\n", name, pct(x), per(x) }
    BEGIN {
      other = b - s - ps - po - r - l; if (other < 0) other = 0
      unitone = u; sub(/s$/, "", unitone)
      printf "Profiled: %.1f s of the warm-up after its first %d s (JIT compilation mostly), %s %s%s. CPU time from `/proc` (user + system), in %% of one core (this machine: %d cores, %d %%):\n\n",
        w / 1000, skip, (c > 0 ? cf : "?"), u, (c > 0 && w > 0 ? sprintf(" (%.0f/s)", c / w * 1000) : ""), n, n * 100
      printf "| Process | CPU, %% of one core | CPU ms per %s |\n|---|---:|---:|\n", unitone
      row(sprintf("Strata JVM (of it JIT compiler threads %s, GC and VM threads %s)", pct(jit), pct(gc)), s)
      row("Postgres backends serving Strata", ps)
      row("Postgres, other processes (background, other clients)", po)
      row("redis-server (whole server)", r)
      row("load tool (" tool ")", l)
      printf "| everything else on the machine | %s | |\n| **machine busy** | %s | |\n", pct(other), pct(b)
    }')" ""
  for f in "$base".jfr "$base"-*.jfr; do [[ -s $f ]] && jfrs+=("$f"); done
  if ((${#jfrs[@]} == 0)); then
    fragment "_no JFR recording (see \`bench/results/${base##*/}.profile.log\`)_" ""
    return 0
  fi
  local summary
  if summary=$(java "$PROFILE_SUMMARY" "${jfrs[@]}" 2>"$base.summary.log"); then
    fragment "$summary" ""
    fragment "JFR: \`bench/results/${jfrs[0]##*/}\`$( ((${#jfrs[@]} > 1)) && printf ' (and %d more)' $((${#jfrs[@]} - 1)))." ""
  else
    fragment "_JFR summary failed (see \`bench/results/${base##*/}.summary.log\`)_" ""
  fi
}

# --- HTTP load with wrk ------------------------------------------------------------------------
# wrk_bench <label> <url> [extra wrk args, e.g. -H 'Authorization: Bearer x'...]
# A warm-up run (BENCH_WARMUP) then the measured run (BENCH_DURATION); the warm-up is profiled
# when <label> is in PROFILE_LABELS (profile_begin/profile_end).
# Sets WRK_RPS, WRK_P50, WRK_P99 (ms), WRK_REQUESTS, WRK_NON2XX, WRK_SOCKET_ERRORS, and WRK_OUT: the raw output,
# bench/results/<scenario>-<label>.wrk.txt (the warm-up's: .warmup.wrk.txt). The connection count is
# BENCH_CONNECTIONS (set it on the call to change it for one load). A profiled warm-up counts wrk's requests, or
# what the script's done() counts when it prints a line "count: <n> <unit>" (e.g. "count: 1234 jobs").
wrk_bench() {
  local label=$1 url=$2; shift 2
  local host=${url#*://}; host=${host%%/*}; host=${host%:*}
  require_loopback "$host"
  local common=(--latency -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" "$@")
  local out=$RESULTS_DIR/$SCENARIO-$label.wrk.txt warm_out=$RESULTS_DIR/$SCENARIO-$label.warmup.wrk.txt
  if [[ $(duration_seconds "$BENCH_WARMUP") != 0 ]]; then
    log "wrk warm-up $label ($BENCH_WARMUP, $BENCH_CONNECTIONS connections)"
    if profile_wanted "$label"; then
      profile_split "$(duration_seconds "$BENCH_WARMUP")"
      if ((PROFILE_SKIP_S > 0)); then wrk "${common[@]}" -d "${PROFILE_SKIP_S}s" "$url" >/dev/null; fi
      profile_begin "$label"
      wrk "${common[@]}" -d "${PROFILE_RUN_S}s" "$url" >"$warm_out"
      local count unit
      count=$(awk '/^count: [0-9]+ / {print $2; exit}' "$warm_out")
      unit=$(awk '/^count: [0-9]+ / {print $3; exit}' "$warm_out")
      [[ -n $count ]] || { count=$(awk '/requests in/ {print $1}' "$warm_out"); unit=requests; }
      profile_end "$label" "$count" "$unit" wrk
    else
      wrk "${common[@]}" -d "$BENCH_WARMUP" "$url" >"$warm_out"
    fi
  fi
  log "wrk measure $label ($BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads)"
  wrk "${common[@]}" -d "$BENCH_DURATION" "$url" >"$out"
  WRK_OUT=$out
  WRK_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  WRK_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  WRK_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  WRK_REQUESTS=$(awk '/requests in/ {print $1}' "$out")
  WRK_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  WRK_NON2XX=${WRK_NON2XX:-0}
  WRK_SOCKET_ERRORS=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$out")
  WRK_SOCKET_ERRORS=${WRK_SOCKET_ERRORS:-0}
  [[ -n $WRK_RPS ]] || die "could not parse wrk output in $out"
}

# http_status <curl args...> -> the HTTP status code (000 when nothing answered)
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true; }

# json_field <name> : reads a JSON object on stdin, prints the string value of a top-level field
json_field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" | head -1; }

# --- a Strata instance -------------------------------------------------------------------------
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  die "no free port found"
}

STRATA_PID=
STRATA_PORT=
STRATA_LOG=
STRATA_JWT_SECRET_VALUE=$(head -c 48 /dev/urandom | base64 | tr -d '\n')

# strata_start [port]: starts the jar in the background, waits (90 s) for /health/liveness
# to answer 200, stops it at exit. Returns 1 (with STRATA_ERROR set) when it does not come up.
# shellcheck disable=SC2120 # the port argument is optional
strata_start() {
  STRATA_PORT=${1:-${BENCH_PORT:-$(free_port)}}
  STRATA_LOG=$RESULTS_DIR/$SCENARIO-strata.log
  STRATA_ERROR=
  [[ -f $STRATA_JAR ]] || { STRATA_ERROR="${STRATA_JAR#"$REPO_DIR"/} not built (run \`make build\`)"; return 1; }
  log "starting Strata on 127.0.0.1:$STRATA_PORT"
  # shellcheck disable=SC2086
  # load comes from one address: the per-address limit of the public routes (health, ...) is lifted, not removed
  MICRONAUT_SERVER_PORT=$STRATA_PORT STRATA_JWT_SECRET=$STRATA_JWT_SECRET_VALUE \
    STRATA_HTTP_PUBLIC_ROUTES_LIMIT=${STRATA_HTTP_PUBLIC_ROUTES_LIMIT:-1000000000} \
    java $STRATA_JAVA_OPTS -jar "$STRATA_JAR" >"$STRATA_LOG" 2>&1 &
  STRATA_PID=$!
  on_exit strata_stop
  await_up "$STRATA_PID" "http://127.0.0.1:$STRATA_PORT" /health/liveness 90 Strata "$STRATA_LOG" && return 0
  STRATA_ERROR=$AWAIT_ERROR
  STRATA_PID=
  return 1
}

strata_stop() {
  stop_process "$STRATA_PID"
  STRATA_PID=
}

# await_up <pid> <base url> <path> <seconds> <name> <log>: waits until GET <path> answers 200 while
# <pid> lives. Returns 1 with AWAIT_ERROR set when the process exits first or time runs out.
AWAIT_ERROR=
await_up() {
  local pid=$1 base=$2 path=$3 limit=$4 name=$5 logfile=$6 start=$SECONDS code=000
  AWAIT_ERROR=
  while ((SECONDS - start < limit)); do
    code=$(http_status "$base$path")
    [[ $code == 200 ]] && { log "$name is up after ~$((SECONDS - start)) s"; return 0; }
    if ! kill -0 "$pid" 2>/dev/null; then
      AWAIT_ERROR="$name exited before answering $path (last log line: $(tail -n 1 "$logfile" | cut -c1-160))"
      wait "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
  AWAIT_ERROR="GET $path did not answer 200 within $limit s (last status: $code)"
  return 1
}

# stop_process <pid>: TERM, then KILL after 10 s; reaps it. Nothing to do for an empty pid.
stop_process() {
  local pid=$1 i
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# strata_admin <args...>: the jar's admin CLI against the same stores and secret.
strata_admin() {
  # shellcheck disable=SC2086
  MICRONAUT_SERVER_PORT=-1 STRATA_JWT_SECRET=$STRATA_JWT_SECRET_VALUE \
    timeout 120 java $STRATA_JAVA_OPTS -jar "$STRATA_JAR" admin "$@"
}

# strata_token <client id> <client secret> -> prints the access token (empty on failure)
strata_token() {
  local body
  body=$(printf '{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s"}' "$1" "$2")
  curl -s --max-time 10 -X POST "http://127.0.0.1:$STRATA_PORT/v1/auth/token" \
    -H 'Content-Type: application/json' -d "$body" | json_field access_token || true
}

# strata_bench_tenant: sets TENANT_ID, CLIENT_ID, CLIENT_SECRET, ACCESS_TOKEN for a benchmark
# tenant. The credentials are kept in bench/results/tenant.env and reused while they still
# get a token, so repeated runs do not pile up tenants. Returns 1 with STRATA_ERROR set.
strata_bench_tenant() {
  local creds=$RESULTS_DIR/tenant.env
  TENANT_ID='' CLIENT_ID='' CLIENT_SECRET='' ACCESS_TOKEN=''
  if [[ -f $creds ]]; then
    # shellcheck disable=SC1090
    source "$creds"
    [[ -n $CLIENT_ID ]] && ACCESS_TOKEN=$(strata_token "$CLIENT_ID" "$CLIENT_SECRET")
    [[ -n $ACCESS_TOKEN ]] && { log "reusing benchmark tenant $TENANT_ID"; return 0; }
  fi
  local slug out
  slug=bench-$(date -u +%Y%m%d%H%M%S)-$((RANDOM % 1000))
  log "creating tenant $slug"
  if ! out=$(strata_admin create-tenant "$slug" 2>&1); then
    STRATA_ERROR="\`admin create-tenant\` failed: $(printf '%s\n' "$out" | tail -n 1 | cut -c1-160)"
    return 1
  fi
  TENANT_ID=$(printf '%s\n' "$out" | sed -n 's/^tenantId=//p' | tail -n 1)
  CLIENT_ID=$(printf '%s\n' "$out" | sed -n 's/^clientId=//p' | tail -n 1)
  CLIENT_SECRET=$(printf '%s\n' "$out" | sed -n 's/^clientSecret=//p' | tail -n 1)
  if [[ -z $TENANT_ID || -z $CLIENT_ID || -z $CLIENT_SECRET ]]; then
    STRATA_ERROR="\`admin create-tenant\` printed no tenantId/clientId/clientSecret"
    return 1
  fi
  (umask 077 && printf 'TENANT_ID=%q\nCLIENT_ID=%q\nCLIENT_SECRET=%q\n' \
    "$TENANT_ID" "$CLIENT_ID" "$CLIENT_SECRET" >"$creds")
  ACCESS_TOKEN=$(strata_token "$CLIENT_ID" "$CLIENT_SECRET")
  [[ -n $ACCESS_TOKEN ]] || { STRATA_ERROR="POST /v1/auth/token gave no access_token"; return 1; }
}

# --- the bare Micronaut baseline (bench/bare-micronaut: GET /bare -> "ok", nothing else) ---------
BARE_PID=
BARE_PORT=
BARE_ERROR=

# bare_build: builds bench/bare-micronaut offline (from the local Maven repository, which
# `make build` fills) when its jar is missing or older than its sources.
# Returns 1 with BARE_ERROR set when the build fails.
bare_build() {
  BARE_ERROR=
  if [[ -f $BARE_JAR && -z $(find "$BARE_DIR/pom.xml" "$BARE_DIR/src" -newer "$BARE_JAR" -print -quit) ]]; then
    return 0
  fi
  local build_log=$RESULTS_DIR/$SCENARIO-bare-build.log
  log "building bench/bare-micronaut (offline)"
  if ! (cd "$BARE_DIR" && "$REPO_DIR/mvnw" -B -q -o package -DskipTests) >"$build_log" 2>&1; then
    local why
    # The most telling line: the first [FATAL], else the first [ERROR] with a message of its own.
    why=$(sed -n '/^\[FATAL\]/{s/^\[FATAL\] *//;p;q}' "$build_log")
    [[ -n $why ]] || why=$(sed -n '/^\[ERROR\] *\(COMPILATION ERROR\|\[ERROR\]\)/d; /^\[ERROR\] *[^[:space:]]/{s/^\[ERROR\] *//;p;q}' "$build_log")
    [[ -n $why ]] || why=$(tail -n 1 "$build_log")
    why=${why//"$REPO_DIR"\//}
    BARE_ERROR="offline build of bench/bare-micronaut failed: ${why:0:160} (see \`bench/results/${build_log##*/}\`)"
    return 1
  fi
  [[ -f $BARE_JAR ]] || { BARE_ERROR="the build of bench/bare-micronaut wrote no ${BARE_JAR#"$REPO_DIR"/}"; return 1; }
  touch "$BARE_JAR"
}

# bare_start [port]: starts the bare jar in the background, waits (60 s) for GET /bare to
# answer 200, stops it at exit. Returns 1 (with BARE_ERROR set) when it does not come up.
# shellcheck disable=SC2120 # the port argument is optional
bare_start() {
  BARE_PORT=${1:-$(free_port)}
  BARE_ERROR=
  local bare_log=$RESULTS_DIR/$SCENARIO-bare.log
  [[ -f $BARE_JAR ]] || { BARE_ERROR="${BARE_JAR#"$REPO_DIR"/} not built"; return 1; }
  log "starting the bare Micronaut baseline on 127.0.0.1:$BARE_PORT"
  # shellcheck disable=SC2086
  MICRONAUT_SERVER_PORT=$BARE_PORT java $BARE_JAVA_OPTS -jar "$BARE_JAR" >"$bare_log" 2>&1 &
  BARE_PID=$!
  on_exit bare_stop
  await_up "$BARE_PID" "http://127.0.0.1:$BARE_PORT" /bare 60 "the bare baseline" "$bare_log" && return 0
  BARE_ERROR=$AWAIT_ERROR
  BARE_PID=
  return 1
}

bare_stop() {
  stop_process "$BARE_PID"
  BARE_PID=
}

# --- results -----------------------------------------------------------------------------------
# Numbers other scenarios may divide by (e.g. Strata/raw): bench/results/metrics.env, KEY=value.
metric_put() {
  local f=$RESULTS_DIR/metrics.env
  touch "$f"
  sed -i "/^$1=/d" "$f"
  printf '%s=%s\n' "$1" "$2" >>"$f"
}

# fragment_begin <title> <one-paragraph description>: starts this scenario's Markdown fragment.
fragment_begin() {
  printf '## %s\n\n%s\n\n' "$1" "$2" >"$FRAGMENT"
}
fragment() { printf '%s\n' "$@" >>"$FRAGMENT"; }

# not_available <reason>: records it in the fragment and ends the scenario successfully.
not_available() {
  local reason=${1//"$REPO_DIR"\//}
  fragment "_not available: ${reason}_" ""
  log "not available: $reason"
  exit 0
}

settings_line() {
  printf 'Load: %s connections, %s threads, %s warm-up then %s measured.' \
    "$BENCH_CONNECTIONS" "$BENCH_THREADS" "$BENCH_WARMUP" "$BENCH_DURATION"
}
