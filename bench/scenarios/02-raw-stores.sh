#!/usr/bin/env bash
# Raw stores, no Strata: redis-benchmark SET/GET against the Redis Strata uses, and pgbench
# primary-key SELECTs against a throwaway table. The baseline later scenarios divide by
# (Strata/raw); the numbers are kept in bench/results/metrics.env as raw_*.
#
# Settings: BENCH_REDIS_REQUESTS (200000 per command), BENCH_REDIS_KEYSPACE (10000 keys),
# BENCH_VALUE_BYTES (64), BENCH_PG_ROWS (100000), BENCH_PG_CLIENTS (BENCH_CONNECTIONS).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

REDIS_REQUESTS=${BENCH_REDIS_REQUESTS:-200000}
REDIS_KEYSPACE=${BENCH_REDIS_KEYSPACE:-10000}
VALUE_BYTES=${BENCH_VALUE_BYTES:-64}
PG_ROWS=${BENCH_PG_ROWS:-100000}
PG_CLIENTS=${BENCH_PG_CLIENTS:-$BENCH_CONNECTIONS}
BENCH_DB=${BENCH_RAW_DB:-strata_bench}
KEY_PREFIX=strata-bench:raw:

fragment_begin "Raw stores (baseline)" \
  "No Strata in the path: the stores' own load tools on loopback. Redis: \`redis-benchmark\` with $BENCH_CONNECTIONS connections, no pipelining, $(fmt_int "$REDIS_REQUESTS") requests per command over $(fmt_int "$REDIS_KEYSPACE") random keys (own key prefix, ${VALUE_BYTES}-byte values that expire after 10 minutes). PostgreSQL: \`pgbench -M prepared\` with $PG_CLIENTS clients and $BENCH_THREADS threads, \`SELECT v FROM bench_kv WHERE id = :id\` over $(fmt_int "$PG_ROWS") rows (${VALUE_BYTES}-byte values) for $BENCH_DURATION after a $BENCH_WARMUP warm-up. There is no ratio here: these are the denominators of later scenarios' Strata/raw ratios."

TMP=$(mktemp -d)
on_exit "rm -rf '$TMP'"
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $(fmt_int "$4") | $(fmt_ms "$5") | $(fmt_ms "$6") | $(fmt_ms "$7") |"); }
row_na() { ROWS+=("| $1 | $2 | $3 | _not available: $4_ | | | |"); }

# --- Redis -------------------------------------------------------------------------------------
redis_cli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }
redis_cleanup() {
  redis_cli --scan --pattern "${KEY_PREFIX}*" 2>/dev/null | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" unlink >/dev/null 2>&1 || true
}

# redis_run <requests> <command...>: sets RB_RPS RB_AVG RB_P50 RB_P99 from redis-benchmark --csv
redis_run() {
  local n=$1; shift
  local out
  RB_ERROR=
  out=$(redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -c "$BENCH_CONNECTIONS" -n "$n" \
    -r "$REDIS_KEYSPACE" --csv "$@" 2>&1) || { RB_ERROR=$(printf '%s\n' "$out" | tail -n 1); return 1; }
  printf '%s\n' "$out" >>"$RESULTS_DIR/$SCENARIO-redis-benchmark.csv"
  # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  read -r RB_RPS RB_AVG RB_P50 RB_P99 < <(printf '%s\n' "$out" | tail -n 1 | tr -d '"' |
    awk -F, '{print $(NF-6), $(NF-5), $(NF-3), $(NF-1)}')
  [[ $RB_RPS =~ ^[0-9.]+$ ]] || { RB_ERROR="unexpected redis-benchmark output: $(printf '%s\n' "$out" | tail -n 1)"; return 1; }
}

redis_part() {
  need_tool redis-benchmark redis-tools || { row_na Redis "SET, GET" redis-benchmark "redis-benchmark is not installed"; return 0; }
  require_loopback "$REDIS_HOST"
  if [[ $(redis_cli ping 2>/dev/null) != PONG ]]; then
    row_na Redis "SET, GET" redis-benchmark "no Redis answering on $REDIS_HOST:$REDIS_PORT"
    return 0
  fi
  on_exit redis_cleanup
  metric_put version_redis "$(redis_cli info server | tr -d '\r' | sed -n 's/^redis_version://p')"
  local key="${KEY_PREFIX}__rand_int__" value
  value=$(head -c "$VALUE_BYTES" /dev/zero | tr '\0' x)
  local warm=$((REDIS_REQUESTS / 10 > 1000 ? REDIS_REQUESTS / 10 : 1000))
  log "redis-benchmark warm-up ($warm requests per command)"
  if ! redis_run "$warm" SET "$key" "$value" EX 600 || ! redis_run "$warm" GET "$key"; then
    row_na Redis "SET, GET" redis-benchmark "$RB_ERROR"
    return 0
  fi
  rm -f "$RESULTS_DIR/$SCENARIO-redis-benchmark.csv"
  local op lower
  for op in SET GET; do
    lower=$(tr '[:upper:]' '[:lower:]' <<<"$op")
    log "redis-benchmark $op ($REDIS_REQUESTS requests, $BENCH_CONNECTIONS connections)"
    if [[ $op == SET ]]; then redis_run "$REDIS_REQUESTS" SET "$key" "$value" EX 600 || true
    else redis_run "$REDIS_REQUESTS" GET "$key" || true; fi
    if [[ -n $RB_ERROR ]]; then row_na Redis "$op" redis-benchmark "$RB_ERROR"; continue; fi
    row Redis "$op (${VALUE_BYTES} B)" redis-benchmark "$RB_RPS" "$RB_AVG" "$RB_P50" "$RB_P99"
    metric_put "raw_redis_${lower}_ops" "$RB_RPS"
    metric_put "raw_redis_${lower}_avg_ms" "$RB_AVG"
    metric_put "raw_redis_${lower}_p50_ms" "$RB_P50"
    metric_put "raw_redis_${lower}_p99_ms" "$RB_P99"
  done
  redis_cleanup
}

# --- PostgreSQL --------------------------------------------------------------------------------
pg_psql() { # pg_psql <database> <psql args...>
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 PGOPTIONS='-c client_min_messages=warning' psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$1" \
    -v ON_ERROR_STOP=1 -qtAX "${@:2}"
}

# Picks the database and table: a throwaway database strata_bench (created as the postgres
# superuser when we are root on the database host), else a strata_bench schema in Strata's own
# database. Sets PG_BENCH_DB and PG_TABLE; returns 1 when neither works.
pg_prepare() {
  if ! pg_psql "$BENCH_DB" -c 'select 1' >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1; then
    if ! su postgres -c "psql -p $PG_PORT -tAc \"select 1 from pg_database where datname = '$BENCH_DB'\"" 2>/dev/null | grep -q 1; then
      log "creating database $BENCH_DB owned by $PG_USER"
      su postgres -c "createdb -p $PG_PORT -O $PG_USER $BENCH_DB" >/dev/null 2>&1 || true
    fi
  fi
  if pg_psql "$BENCH_DB" -c 'select 1' >/dev/null 2>&1; then
    PG_BENCH_DB=$BENCH_DB PG_TABLE=bench_kv
  else
    log "database $BENCH_DB not available; using schema strata_bench in $PG_DB"
    pg_psql "$PG_DB" -c 'create schema if not exists strata_bench' >/dev/null || return 1
    PG_BENCH_DB=$PG_DB PG_TABLE=strata_bench.bench_kv
  fi
  log "loading $PG_ROWS rows into $PG_BENCH_DB.$PG_TABLE"
  pg_psql "$PG_BENCH_DB" >/dev/null <<SQL
create table if not exists $PG_TABLE (id integer primary key, v text not null);
insert into $PG_TABLE as t (id, v)
  select g, repeat('x', $VALUE_BYTES) from generate_series(1, $PG_ROWS) g
  on conflict (id) do update set v = excluded.v where t.v is distinct from excluded.v;
analyze $PG_TABLE;
SQL
}

pg_part() {
  local op="primary-key SELECT (prepared)"
  need_tool pgbench postgresql-client || { row_na PostgreSQL "$op" pgbench "pgbench is not installed"; return 0; }
  require_loopback "$PG_HOST"
  if ! pg_prepare 2>"$TMP/prepare.err"; then
    row_na PostgreSQL "$op" pgbench "$(grep -v '^\[bench' "$TMP/prepare.err" | tail -n 1 | cut -c1-160)"
    return 0
  fi
  cat "$TMP/prepare.err" >&2
  metric_put version_postgres "$(pg_psql "$PG_BENCH_DB" -c 'show server_version' | awk '{print $1}')"
  printf '\\set id random(1, %d)\nSELECT v FROM %s WHERE id = :id;\n' "$PG_ROWS" "$PG_TABLE" >"$TMP/select.sql"
  local args=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c "$PG_CLIENTS" -j "$BENCH_THREADS"
    -M prepared -f "$TMP/select.sql")
  local out=$RESULTS_DIR/$SCENARIO-pgbench.txt
  if [[ $(duration_seconds "$BENCH_WARMUP") != 0 ]]; then
    log "pgbench warm-up ($BENCH_WARMUP, $PG_CLIENTS clients)"
    PGPASSWORD=$PG_PASSWORD pgbench "${args[@]}" -T "$(duration_seconds "$BENCH_WARMUP")" "$PG_BENCH_DB" >/dev/null 2>&1 || true
  fi
  log "pgbench measure ($BENCH_DURATION, $PG_CLIENTS clients, $BENCH_THREADS threads)"
  if ! PGPASSWORD=$PG_PASSWORD pgbench "${args[@]}" -T "$(duration_seconds "$BENCH_DURATION")" \
    --log --sampling-rate=0.1 --log-prefix="$TMP/pgb" "$PG_BENCH_DB" >"$out" 2>&1; then
    row_na PostgreSQL "$op" pgbench "pgbench failed: $(grep -m1 -iE 'error|fatal' "$out" | cut -c1-160)"
    return 0
  fi
  local tps avg p50 p99
  tps=$(awk '/^tps = / {print $3; exit}' "$out")
  avg=$(awk '/^latency average = / {print $4; exit}' "$out")
  # Per-transaction log: field 3 is the latency in microseconds.
  read -r p50 p99 < <(cat "$TMP"/pgb.* | awk '{print $3}' | sort -n |
    awk '{v[NR] = $1} END {
      if (NR == 0) { print "? ?"; exit }
      i50 = int(NR * 0.50); if (i50 < NR * 0.50) i50++
      i99 = int(NR * 0.99); if (i99 < NR * 0.99) i99++
      printf "%.3f %.3f\n", v[i50] / 1000, v[i99] / 1000 }')
  [[ -n $tps ]] || { row_na PostgreSQL "$op" pgbench "could not parse pgbench output"; return 0; }
  row PostgreSQL "$op" pgbench "$tps" "$avg" "$p50" "$p99"
  metric_put raw_pg_select_tps "$tps"
  metric_put raw_pg_select_avg_ms "$avg"
  metric_put raw_pg_select_p50_ms "$p50"
  metric_put raw_pg_select_p99_ms "$p99"
}

redis_part
pg_part

fragment "Latencies in ms (p50/p99: redis-benchmark's own histogram; a 10 % sample of pgbench's per-transaction log)." "" \
  "| Store | Operation | Tool | ops/s | avg ms | p50 ms | p99 ms |" \
  "|---|---|---|---:|---:|---:|---:|" \
  "${ROWS[@]}" ""
log "done"
