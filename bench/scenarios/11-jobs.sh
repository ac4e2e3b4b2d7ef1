#!/usr/bin/env bash
# Jobs: enqueue and claim+complete throughput through HTTP (wrk with the Lua scripts bench/jobs/enqueue.lua and
# bench/jobs/work.lua) against the same work as raw SQL with pgbench
# (INSERT; UPDATE ... FOR UPDATE SKIP LOCKED then UPDATE to completed, on an equivalent table), and the latency
# from a job's runAt to its claim with workers waiting (claims with waitMs, woken through Redis or at the due time).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"
# the loads whose targets are open (HTTP / raw enqueue and claim+complete): their warm-ups are profiled
PROFILE_LABELS="enqueue work"

BENCH_JOBS_CLIENTS=${BENCH_JOBS_CLIENTS:-16}
BENCH_JOBS_WAITERS=${BENCH_JOBS_WAITERS:-8}
BENCH_JOBS_RATE=${BENCH_JOBS_RATE:-50}
BENCH_JOBS_DELAY_MS=${BENCH_JOBS_DELAY_MS:-500}
BENCH_JOBS_DB=${BENCH_JOBS_DB:-strata_bench}
BENCH_JOBS_QUEUES=${BENCH_JOBS_QUEUES:-8}

# The loads leave ~100k jobs waiting (the enqueues fill the queue the claims drain later): with the default quota
# of 100k waiting jobs per tenant they would end on its exact, serialised path, which a tenant far below its quota
# never takes. The instance's quota is raised, so the figures are those of the usual case.
export STRATA_QUOTAS_WAITING_JOBS=${STRATA_QUOTAS_WAITING_JOBS:-10000000}

fragment_begin "Jobs: enqueue, claim+complete, runAt-to-claim latency" \
  "One Strata instance. (1) wrk ($BENCH_JOBS_CLIENTS connections, \`bench/jobs/enqueue.lua\`) POSTs \`/v1/queues/{q}/jobs\` (each 201: the job row, the pending-jobs quota check and the \`job.waiting\` event in one transaction), on one queue, then round-robin over $BENCH_JOBS_QUEUES queues; jobs/s counts the 201s. The instance's waiting-jobs quota is $STRATA_QUOTAS_WAITING_JOBS, far above the ~100k jobs the loads leave waiting (at the default 100k, the last enqueues would take the quota's exact path, serialised per tenant). Then (2) wrk (\`bench/jobs/work.lua\`) claims one job (\`count\` 1, no wait) and completes it, two HTTP calls and two transactions per job, each publishing its event: each wrk thread keeps the ids its claims answered and sends a complete for one when one is waiting, else a claim; jobs/s counts the completes. The queue holds the jobs of (1) (its warm-up and measured run). The same work raw with pgbench at the same client count on an equivalent table in a throwaway database: an INSERT per job; a claim (\`WITH picked AS (SELECT ... ORDER BY priority DESC, run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) UPDATE ... RETURNING id\`) and a completing UPDATE, each its own transaction. Ratio = HTTP / raw, in jobs/s. (3) $BENCH_JOBS_WAITERS workers claim with \`waitMs\` 5000 and complete, while jobs with \`runAt\` = now + ${BENCH_JOBS_DELAY_MS} ms are enqueued at $BENCH_JOBS_RATE/s: latency from each job's runAt to the claim's answer (wall clock of this machine), with the Java client \`bench/jobs/JobsLoad.java\`."

need_tool wrk wrk || not_available "wrk is not installed"
need_tool pgbench postgresql-contrib || not_available "pgbench is not installed"
need_tool curl curl || not_available "curl is not installed"
require_loopback "$REDIS_HOST" "$PG_HOST"
strata_start || not_available "$STRATA_ERROR"
strata_bench_tenant || not_available "$STRATA_ERROR"
base=http://127.0.0.1:$STRATA_PORT
run=$(date +%s)
secs=$(duration_seconds "$BENCH_DURATION")
warm=$(duration_seconds "$BENCH_WARMUP")
driver=$BENCH_DIR/jobs/JobsLoad.java

code=$(http_status -X POST -H "Authorization: Bearer $ACCESS_TOKEN" -H 'Content-Type: application/json' \
  -d '{"type":"bench.check","payload":{}}' "$base/v1/queues/bench-check/jobs")
[[ $code == 201 ]] || not_available "POST /v1/queues/{q}/jobs answered HTTP $code"

# compiled once, so that no run (nor a profiled window) includes compiling the driver's source
classes=$RESULTS_DIR/$SCENARIO-classes
rm -rf "$classes"
javac -d "$classes" "$driver" >"$RESULTS_DIR/$SCENARIO-javac.log" 2>&1 || not_available "javac of bench/jobs/JobsLoad.java failed"
load() { java -cp "$classes" JobsLoad "$@" 2>&1 | tail -n 1; }
field() { sed -n "s/.*$1=\([0-9.-]*\).*/\1/p" <<<"$2"; }

# --- (1) and (2) through HTTP, with wrk ------------------------------------------------------------
# jobs_wrk <label> <script> <queue> [queues]: wrk_bench with one of the scripts under bench/jobs/, at pgbench's
# client count (BENCH_JOBS_CLIENTS connections); the scripts read their settings from the environment. The scripts
# count jobs themselves (their done() prints a "jobs:" line, and "count:" for a profiled warm-up). A timeout of
# 10 s: an answer that is slow on a busy machine still counts, and no error.
q=bench-$run
jobs_wrk() {
  local label=$1 script=$2 queue=$3 queues=${4:-}
  BENCH_CONNECTIONS=$BENCH_JOBS_CLIENTS JOBS_TOKEN=$ACCESS_TOKEN JOBS_QUEUE=$queue JOBS_QUEUES=$queues \
    wrk_bench "$label" "$base/v1/queues/$queue" -s "$BENCH_DIR/jobs/$script" --timeout 10s
  [[ -n $(jobs_field rate "$WRK_OUT") ]] || die "wrk printed no jobs line (see ${WRK_OUT#"$REPO_DIR"/})"
}
# jobs_field <name> <wrk output>: a counter of the script's "jobs:" line
jobs_field() { sed -n "s/^jobs: .*$1=\([0-9.]*\).*/\1/p" "$2"; }
log "HTTP enqueue ($BENCH_JOBS_CLIENTS connections)"
jobs_wrk enqueue enqueue.lua "$q"
h_enq=$(jobs_field rate "$WRK_OUT") h_enq_p50=$WRK_P50 h_enq_p99=$WRK_P99
h_enq_err=$(($(jobs_field errors "$WRK_OUT") + WRK_SOCKET_ERRORS))
# right after the measured run on one queue, so without a warm-up of its own (as before)
log "HTTP enqueue over $BENCH_JOBS_QUEUES queues ($BENCH_JOBS_CLIENTS connections)"
BENCH_WARMUP=0 jobs_wrk enqueue-spread enqueue.lua "spread-$run" "$BENCH_JOBS_QUEUES"
h_spread=$(jobs_field rate "$WRK_OUT") h_spread_p50=$WRK_P50 h_spread_p99=$WRK_P99
h_spread_err=$(($(jobs_field errors "$WRK_OUT") + WRK_SOCKET_ERRORS))
# the jobs of the enqueue runs on one queue (warm-up and measured) are the claims' supply: a claim that finds the
# queue empty counts as an empty claim, and the rate is then that of the supply (noted under the table)
h_work_supply=$(curl -s --max-time 10 -H "Authorization: Bearer $ACCESS_TOKEN" "$base/v1/queues/$q" \
  | sed -n 's/.*"waiting"[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p') || true
log "HTTP claim+complete ($BENCH_JOBS_CLIENTS connections, ${h_work_supply:-?} jobs waiting)"
jobs_wrk work work.lua "$q"
h_work=$(jobs_field rate "$WRK_OUT") h_work_p50=$WRK_P50 h_work_p99=$WRK_P99
h_work_err=$(($(jobs_field errors "$WRK_OUT") + WRK_SOCKET_ERRORS))
h_work_empty=$(jobs_field empty "$WRK_OUT")

# --- (3) runAt-to-claim latency with waiting workers --------------------------------------------
log "latency: $BENCH_JOBS_WAITERS waiting workers, $BENCH_JOBS_RATE jobs/s due ${BENCH_JOBS_DELAY_MS} ms after enqueue (${secs}s)"
lat=$(load latency "$base" "$ACCESS_TOKEN" "lat-$run" "$BENCH_JOBS_WAITERS" "$secs" "$BENCH_JOBS_RATE" "$BENCH_JOBS_DELAY_MS")
printf '%s\n' "$lat" >"$RESULTS_DIR/$SCENARIO-latency.txt"
l_p50=$(field p50 "$lat") l_p99=$(field p99 "$lat") l_max=$(field max "$lat")
l_claimed=$(field claimed "$lat") l_of=$(field of "$lat")

# --- raw SQL --------------------------------------------------------------------------------------
export PGPASSWORD=$PG_PASSWORD
psql_raw() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
psql_raw -d "$PG_DB" -tc "select 1 from pg_database where datname = '$BENCH_JOBS_DB'" | grep -q 1 \
  || psql_raw -d "$PG_DB" -c "create database $BENCH_JOBS_DB" >/dev/null 2>&1 \
  || not_available "cannot create database $BENCH_JOBS_DB"
psql_raw -d "$BENCH_JOBS_DB" <<SQL >/dev/null
drop table if exists bench_jobs;
create table bench_jobs (id bigserial primary key, queue text not null, type text not null, payload jsonb not null,
  state text not null, priority int not null default 0, run_at timestamptz not null, attempts int not null default 0,
  worker text, lease_until timestamptz, created_at timestamptz not null default now(), finished_at timestamptz);
create index bench_jobs_claim on bench_jobs (queue, state, priority desc, run_at, id);
SQL
enq_sql=$RESULTS_DIR/$SCENARIO-raw-enqueue.sql
cat >"$enq_sql" <<'SQL'
INSERT INTO bench_jobs (queue, type, payload, state, run_at)
  VALUES ('q', 'bench.job', '{"order":42,"note":"a small payload for the benchmark"}', 'waiting', now());
SQL
work_sql=$RESULTS_DIR/$SCENARIO-raw-work.sql
cat >"$work_sql" <<'SQL'
WITH picked AS (SELECT id FROM bench_jobs WHERE queue = 'q' AND state = 'waiting' AND run_at <= now()
    ORDER BY priority DESC, run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
  UPDATE bench_jobs j SET state = 'running', attempts = j.attempts + 1, worker = 'bench',
    lease_until = now() + interval '30 seconds' FROM picked WHERE j.id = picked.id RETURNING j.id AS job \gset
UPDATE bench_jobs SET state = 'completed', finished_at = now() WHERE id = :job AND worker = 'bench';
SQL
pg() {
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -M prepared -c "$BENCH_JOBS_CLIENTS" -j "$BENCH_THREADS" \
    -T "$1" -f "$2" "$BENCH_JOBS_DB" 2>&1
}
log "pgbench raw enqueue (${secs}s, $BENCH_JOBS_CLIENTS clients)"
((warm > 0)) && pg "$warm" "$enq_sql" >/dev/null
pg "$secs" "$enq_sql" >"$RESULTS_DIR/$SCENARIO-pgbench-enqueue.txt" || true
r_enq=$(awk '/^tps = / {print $3; exit}' "$RESULTS_DIR/$SCENARIO-pgbench-enqueue.txt")
# enough waiting jobs that no claim finds the queue empty (an empty claim would end a pgbench client)
psql_raw -d "$BENCH_JOBS_DB" -c "insert into bench_jobs (queue, type, payload, state, run_at)
  select 'q', 'bench.job', '{\"order\":42}', 'waiting', now() from generate_series(1, 300000); analyze bench_jobs;" >/dev/null
log "pgbench raw claim+complete (${secs}s, $BENCH_JOBS_CLIENTS clients)"
((warm > 0)) && pg "$warm" "$work_sql" >/dev/null
pg "$secs" "$work_sql" >"$RESULTS_DIR/$SCENARIO-pgbench-work.txt" || true
r_work=$(awk '/^tps = / {print $3; exit}' "$RESULTS_DIR/$SCENARIO-pgbench-work.txt")
psql_raw -d "$BENCH_JOBS_DB" -c "drop table if exists bench_jobs" >/dev/null || true

# --- the database side of Strata's enqueue alone: its transaction, with pgbench, on Strata's own tables ------------
# (the tenant setting, then one statement: the queue row, the pending-jobs counter check, the job row under
# row-level security with its counter trigger; then the commit). Not the ratio's denominator: it shows how much of
# an enqueue is the database's work and how much the HTTP and JVM side's. Without the event (the events area's).
shape_q=raw-shape-$run
shape_sql=$RESULTS_DIR/$SCENARIO-raw-shape.sql
cat >"$shape_sql" <<SQL
BEGIN;
SELECT set_config('strata.tenant_id', '$TENANT_ID', true), set_config('statement_timeout', '5000ms', true);
WITH queue_row AS (INSERT INTO job_queues (tenant_id, queue, created_at, updated_at)
    VALUES ('$TENANT_ID', '$shape_q', now(), now()) ON CONFLICT (tenant_id, queue) DO NOTHING),
  room AS (SELECT coalesce(sum(pending), 0) + current_setting('max_connections')::bigint < 100000 AS far_below
    FROM job_pending_counts WHERE tenant_id = '$TENANT_ID'),
  created AS (INSERT INTO jobs AS j (tenant_id, id, queue, type, payload, secret_payload, state, priority, run_at,
      max_attempts, backoff_type, backoff_base_seconds, backoff_max_seconds, timeout_seconds, unique_key, created_at,
      updated_at)
    SELECT '$TENANT_ID'::uuid, gen_random_uuid(), '$shape_q', 'bench.job',
      '{"order":42,"note":"a small payload for the benchmark"}', false, 'waiting', 0::smallint, now(), 3,
      'exponential', 1, 60, 30, null::text, now(), now() FROM room WHERE far_below
    ON CONFLICT (tenant_id, queue, unique_key) WHERE unique_key IS NOT NULL
      AND state IN ('waiting', 'delayed', 'running') DO NOTHING RETURNING j.*)
  SELECT room.far_below, j.* FROM room LEFT JOIN created j ON true;
COMMIT;
SQL
log "pgbench Strata's enqueue transaction on its own tables (${secs}s, $BENCH_JOBS_CLIENTS clients)"
pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -M prepared -c "$BENCH_JOBS_CLIENTS" -j "$BENCH_THREADS" \
  -T "$secs" -f "$shape_sql" "$PG_DB" >"$RESULTS_DIR/$SCENARIO-pgbench-shape.txt" 2>&1 || true
r_shape=$(awk '/^tps = / {print $3; exit}' "$RESULTS_DIR/$SCENARIO-pgbench-shape.txt")
# the jobs it made leave the benchmark tenant's pending count again
psql_raw -d "$PG_DB" -c "begin; select set_config('strata.tenant_id', '$TENANT_ID', true);
  update jobs set state = 'cancelled', finished_at = now(), updated_at = now()
  where queue = '$shape_q' and state = 'waiting'; commit;" >/dev/null || true
# and so do the HTTP jobs no worker took (the tenant is reused by later runs: a backlog would bring it to its
# pending-jobs quota, which slows every enqueue of the next run and then refuses them)
psql_raw -d "$PG_DB" -c "begin; select set_config('strata.tenant_id', '$TENANT_ID', true);
  update jobs set state = 'cancelled', finished_at = now(), updated_at = now()
  where (queue like '%-$run' or queue like '%-$run-%' or queue = 'bench-check') and state in ('waiting', 'delayed');
  commit;" >/dev/null || true

metric_put jobs_enqueue_rps "$h_enq"
metric_put jobs_work_rps "$h_work"
metric_put jobs_enqueue_spread_rps "$h_spread"
metric_put jobs_raw_enqueue_tps "${r_enq:-n/a}"
metric_put jobs_raw_work_tps "${r_work:-n/a}"
metric_put jobs_raw_shape_tps "${r_shape:-n/a}"
metric_put jobs_claim_p50_ms "${l_p50:-n/a}"
metric_put jobs_claim_p99_ms "${l_p99:-n/a}"

fragment "Load: the same client count for HTTP and raw: HTTP with wrk, $BENCH_JOBS_CLIENTS connections ($BENCH_THREADS threads), pgbench with $BENCH_JOBS_CLIENTS clients; $BENCH_WARMUP warm-up then $BENCH_DURATION measured (the enqueue over $BENCH_JOBS_QUEUES queues right after the one on one queue, without a warm-up of its own), back to back on the same machine. Latencies in ms, from wrk: per request, so for claim + complete per HTTP call (a claim or a complete), not per job. Errors: answers other than 201 (enqueue) or 200 (claim, complete), and wrk's socket errors and timeouts." ""
fragment "| Path | jobs/s | p50 ms | p99 ms | errors |" \
  "|---|---:|---:|---:|---:|" \
  "| HTTP enqueue \`POST /v1/queues/{q}/jobs\` | $(fmt_int "$h_enq") | $(fmt_ms "$h_enq_p50") | $(fmt_ms "$h_enq_p99") | $h_enq_err |" \
  "| raw pgbench INSERT | $(fmt_int "${r_enq:-n/a}") | | | |" \
  "| **ratio enqueue HTTP / raw** | **$(ratio "$h_enq" "${r_enq:-n/a}")** | | | |" \
  "| (pgbench running Strata's enqueue transaction on its tables, no event: HTTP / it $(ratio "$h_enq" "${r_shape:-n/a}")) | $(fmt_int "${r_shape:-n/a}") | | | |" \
  "| HTTP enqueue over $BENCH_JOBS_QUEUES queues (one topic each) | $(fmt_int "$h_spread") | $(fmt_ms "$h_spread_p50") | $(fmt_ms "$h_spread_p99") | $h_spread_err |" \
  "| **ratio enqueue over $BENCH_JOBS_QUEUES queues HTTP / raw** | **$(ratio "$h_spread" "${r_enq:-n/a}")** | | | |" \
  "| HTTP claim + complete (two calls per job) | $(fmt_int "$h_work") | $(fmt_ms "$h_work_p50") | $(fmt_ms "$h_work_p99") | $h_work_err (empty claims: $h_work_empty) |" \
  "| raw pgbench claim (SKIP LOCKED) + complete | $(fmt_int "${r_work:-n/a}") | | | |" \
  "| **ratio claim+complete HTTP / raw** | **$(ratio "$h_work" "${r_work:-n/a}")** | | | |" \
  ""
if [[ ${h_work_empty:-0} != 0 ]]; then
  fragment "_The queue ran out of jobs during claim + complete (${h_work_supply:-?} waiting at its start, warm-up included): the claim + complete rate is a lower bound._" ""
  log "claim+complete: $h_work_empty empty claims (${h_work_supply:-?} jobs waiting at the start): the queue ran out"
fi
profile_fragment enqueue "jobs enqueue, HTTP \`POST /v1/queues/{q}/jobs\`"
profile_fragment work "jobs claim + complete (two HTTP calls per job)"
fragment \
  "| runAt → claim, $BENCH_JOBS_WAITERS waiting workers, $BENCH_JOBS_RATE jobs/s due ${BENCH_JOBS_DELAY_MS} ms after enqueue | claimed | p50 ms | p99 ms | max ms |" \
  "|---|---:|---:|---:|---:|" \
  "| claims with \`waitMs\` 5000 | ${l_claimed:-?} of ${l_of:-?} | ${l_p50:-n/a} | ${l_p99:-n/a} | ${l_max:-n/a} |" \
  ""
log "done: enqueue $h_enq/s (raw ${r_enq:-?}), claim+complete $h_work/s (raw ${r_work:-?}), runAt->claim p50 ${l_p50:-?} p99 ${l_p99:-?} ms"
