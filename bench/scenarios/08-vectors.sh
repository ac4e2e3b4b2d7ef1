#!/usr/bin/env bash
# Vector search: the raw pgvector baseline (no Strata) and, once the vectors HTTP API exists, Strata's search
# through HTTP against it. Data: bench/vectors/VectorData.java generates a clustered dataset (fixed seed, cosine),
# query vectors and their exact top-10 by brute force (kept under bench/results/vectors-data-*/ and reused).
# Raw side: COPY into a plain pgvector table with Strata's default HNSW settings (m 16, ef_construction 64),
# recall@10 of the raw top-10 query against the exact answers, and pgbench QPS of that query, per ef_search.
# Numbers go to bench/results/metrics.env as raw_vector_*.
#
# Settings: BENCH_VECTOR_ROWS (100000), BENCH_VECTOR_DIM (384), BENCH_VECTOR_QUERIES (500),
# BENCH_VECTOR_CLUSTERS (100), BENCH_VECTOR_SEED (42), BENCH_VECTOR_EF ("40 64 100": recall for each),
# BENCH_VECTOR_QPS_EF (40: pgbench for each of these), BENCH_VECTOR_CLIENTS (16, Strata's pool size),
# BENCH_VECTOR_DB (strata_bench; else schema strata_bench in Strata's database), BENCH_VECTOR_PG_USER /
# BENCH_VECTOR_PG_PASSWORD (the role that creates the raw tables there; default: Strata's), BENCH_VECTOR_BATCH (250
# items per HTTP upsert, under the 1 MiB body limit).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

ROWS=${BENCH_VECTOR_ROWS:-100000}
DIM=${BENCH_VECTOR_DIM:-384}
QUERIES=${BENCH_VECTOR_QUERIES:-500}
CLUSTERS=${BENCH_VECTOR_CLUSTERS:-100}
SEED=${BENCH_VECTOR_SEED:-42}
EFS=${BENCH_VECTOR_EF:-40 64 100}
QPS_EFS=${BENCH_VECTOR_QPS_EF:-40}
# pgbench clients: as many as Strata's connection pool holds (datasources.default.maximum-pool-size, 16), so that
# both sides run the same number of queries at once in Postgres (50 HNSW scans at once on 2 cores thrash: 83 QPS
# against 515 with 16, measured back to back); wrk still uses BENCH_CONNECTIONS
CLIENTS=${BENCH_VECTOR_CLIENTS:-16}
BENCH_DB=${BENCH_VECTOR_DB:-strata_bench}
BATCH=${BENCH_VECTOR_BATCH:-250}
RAW_USER=${BENCH_VECTOR_PG_USER:-$PG_USER}
RAW_PASSWORD=${BENCH_VECTOR_PG_PASSWORD:-$PG_PASSWORD}
HNSW_M=16
HNSW_EF_CONSTRUCTION=64
DATA=$RESULTS_DIR/vectors-data-${ROWS}x${DIM}-q${QUERIES}-c${CLUSTERS}-s${SEED}

fragment_begin "Vector search (pgvector raw; Strata when available)" \
  "$(fmt_int "$ROWS") clustered unit vectors of dimension $DIM ($CLUSTERS clusters, seed $SEED, cosine), $QUERIES query vectors and their exact top-10 computed by brute force (\`bench/vectors/VectorData.java\`). Raw: \`COPY\` into a plain pgvector table, HNSW (m $HNSW_M, ef_construction $HNSW_EF_CONSTRUCTION, as Strata's default), recall@10 of \`ORDER BY embedding <=> q LIMIT 10\` against the exact answers at each ef_search, and \`pgbench -M prepared\` QPS of that query (a random query vector per transaction, $CLIENTS clients, $BENCH_THREADS threads, $BENCH_DURATION after a $BENCH_WARMUP warm-up). Strata: the same through \`POST /v1/collections/{c}/search\` (uncached and repeated); ratios Strata/raw against the mean of the raw QPS measured before the Strata part and again right before Strata's runs (targets ≥ 0.85 uncached, ≥ 10 repeated)."

TMP=$(mktemp -d)
on_exit "rm -rf '$TMP'"

# --- data --------------------------------------------------------------------------------------
if [[ ! -s $DATA/truth.tsv ]]; then
  need_tool java default-jre-headless || not_available "java is not installed"
  log "generating $ROWS x $DIM vectors, $QUERIES queries and their exact top-10 into ${DATA#"$REPO_DIR"/}"
  rm -rf "$DATA"
  java -Xmx2g "$BENCH_DIR/vectors/VectorData.java" "$DATA.tmp" "$ROWS" "$DIM" "$QUERIES" "$CLUSTERS" "$SEED" >&2 ||
    not_available "the data generator failed"
  mv "$DATA.tmp" "$DATA"
fi

# --- raw: PostgreSQL + pgvector ------------------------------------------------------------------
need_tool pgbench postgresql-client || not_available "pgbench is not installed"
require_loopback "$PG_HOST"
pg_psql() { # pg_psql <database> <psql args...>
  PGPASSWORD=$RAW_PASSWORD PGCONNECT_TIMEOUT=5 PGOPTIONS='-c client_min_messages=warning' \
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$RAW_USER" -d "$1" -v ON_ERROR_STOP=1 -qtAX "${@:2}"
}
as_postgres() { [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1 && su postgres -c "$1" >/dev/null 2>&1; }

# A throwaway database (created as the postgres superuser when we are root on the database host), else
# Strata's own database; the tables live in schema strata_bench either way. The vector extension needs a
# superuser once per database.
if ! pg_psql "$BENCH_DB" -c 'select 1' >/dev/null 2>&1; then
  as_postgres "createdb -p $PG_PORT -O $RAW_USER $BENCH_DB" || true
fi
pg_psql "$BENCH_DB" -c 'select 1' >/dev/null 2>&1 || BENCH_DB=$PG_DB
if ! pg_psql "$BENCH_DB" -c "select 1 from pg_extension where extname = 'vector'" | grep -q 1; then
  pg_psql "$BENCH_DB" -c 'create extension if not exists vector' >/dev/null 2>&1 ||
    as_postgres "psql -p $PG_PORT -d $BENCH_DB -c 'create extension if not exists vector'" || true
fi
pg_psql "$BENCH_DB" -c "select 1 from pg_extension where extname = 'vector'" | grep -q 1 ||
  not_available "the vector extension is not installed in database $BENCH_DB (a superuser must CREATE EXTENSION vector)"
metric_put version_postgres "$(pg_psql "$BENCH_DB" -c 'show server_version' | awk '{print $1}')"

log "loading into $BENCH_DB: schema strata_bench (COPY, then the HNSW index)"
pg_psql "$BENCH_DB" >/dev/null <<SQL
create schema if not exists strata_bench;
drop table if exists strata_bench.bench_vectors, strata_bench.bench_vector_queries, strata_bench.bench_vector_truth;
create table strata_bench.bench_vectors (id integer primary key, embedding vector($DIM) not null);
create table strata_bench.bench_vector_queries (qid integer primary key, embedding vector($DIM) not null);
create table strata_bench.bench_vector_truth (qid integer primary key, ids integer[] not null);
SQL
start_ns=$(date +%s%N)
pg_psql "$BENCH_DB" -c "\\copy strata_bench.bench_vectors from '$DATA/items.tsv'" >/dev/null
copy_s=$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
pg_psql "$BENCH_DB" -c "\\copy strata_bench.bench_vector_queries from '$DATA/queries.tsv'" >/dev/null
pg_psql "$BENCH_DB" -c "\\copy strata_bench.bench_vector_truth from '$DATA/truth.tsv'" >/dev/null
start_ns=$(date +%s%N)
pg_psql "$BENCH_DB" >/dev/null <<SQL
set maintenance_work_mem = '1GB';
create index on strata_bench.bench_vectors using hnsw (embedding vector_cosine_ops) with (m = $HNSW_M, ef_construction = $HNSW_EF_CONSTRUCTION);
analyze strata_bench.bench_vectors;
SQL
index_s=$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
copy_rate=$(awk -v n="$ROWS" -v s="$copy_s" 'BEGIN {printf "%.0f", n / s}')
# COPY alone leaves the index to build afterwards; Strata's ingest maintains it row by row: both are reported
indexed_rate=$(awk -v n="$ROWS" -v a="$copy_s" -v b="$index_s" 'BEGIN {printf "%.0f", n / (a + b)}')
metric_put raw_vector_copy_per_s "$copy_rate"
metric_put raw_vector_copy_indexed_per_s "$indexed_rate"
metric_put raw_vector_index_build_s "$index_s"
log "COPY: $copy_s s ($copy_rate vectors/s); HNSW build: $index_s s"

# recall <ef>: recall@10 of the raw query against the exact answers, over every query vector
recall() {
  pg_psql "$BENCH_DB" <<SQL | tail -n 1
set hnsw.ef_search = $1;
select round(avg((select count(*) from unnest(r.ids) x where x = any(t.ids)))::numeric / 10, 4)
from strata_bench.bench_vector_queries q join strata_bench.bench_vector_truth t using (qid)
cross join lateral (select array_agg(id) ids from (select b.id from strata_bench.bench_vectors b
                    order by b.embedding <=> q.embedding limit 10) s) r;
SQL
}

printf '\\set qid random(1, %d)\nSELECT id FROM strata_bench.bench_vectors ORDER BY embedding <=> (SELECT embedding FROM strata_bench.bench_vector_queries WHERE qid = :qid) LIMIT 10;\n' \
  "$QUERIES" >"$TMP/top10.sql"
# The same query in the transaction Strata runs per uncached search (a diagnostic, not the target's denominator):
# tenant setting, a primary-key read standing in for the catalogue row, the planner settings in one statement, the
# query, commit; five round trips instead of one.
printf '\\set qid random(1, %d)\nBEGIN;\nSELECT set_config('"'"'strata.tenant_id'"'"', '"'"'00000000-0000-0000-0000-000000000000'"'"', true);\nSELECT qid FROM strata_bench.bench_vector_queries WHERE qid = :qid;\nSELECT set_config('"'"'hnsw.ef_search'"'"', current_setting('"'"'hnsw.ef_search'"'"'), true), set_config('"'"'enable_seqscan'"'"', '"'"'off'"'"', true);\nSELECT * FROM (SELECT id, embedding <=> (SELECT embedding FROM strata_bench.bench_vector_queries WHERE qid = :qid) AS distance FROM strata_bench.bench_vectors ORDER BY distance LIMIT 10) found ORDER BY distance, id;\nCOMMIT;\n' \
  "$QUERIES" >"$TMP/top10-shaped.sql"
# pgbench_qps <ef> [script] [tag]: sets QPS, AVG_MS (the top-10 query at that ef_search, a random query vector each time)
pgbench_qps() {
  local args=(-h "$PG_HOST" -p "$PG_PORT" -U "$RAW_USER" -n -c "$CLIENTS" -j "$BENCH_THREADS" -M prepared -f "${2:-$TMP/top10.sql}")
  local out=$RESULTS_DIR/$SCENARIO-pgbench${3:-}-ef$1.txt
  if [[ $(duration_seconds "$BENCH_WARMUP") != 0 ]]; then
    log "pgbench warm-up ef_search=$1 ($BENCH_WARMUP)"
    PGPASSWORD=$RAW_PASSWORD PGOPTIONS="-c hnsw.ef_search=$1" pgbench "${args[@]}" -T "$(duration_seconds "$BENCH_WARMUP")" "$BENCH_DB" >/dev/null 2>&1 || true
  fi
  log "pgbench ef_search=$1 ($BENCH_DURATION, $CLIENTS clients)"
  PGPASSWORD=$RAW_PASSWORD PGOPTIONS="-c hnsw.ef_search=$1" pgbench "${args[@]}" -T "$(duration_seconds "$BENCH_DURATION")" "$BENCH_DB" >"$out" 2>&1 ||
    { QPS="failed: $(grep -m1 -iE 'error|fatal' "$out" | cut -c1-120)"; AVG_MS=; return 0; }
  QPS=$(awk '/^tps = / {print $3; exit}' "$out")
  AVG_MS=$(awk '/^latency average = / {print $4; exit}' "$out")
}

ROWS_MD=()
for ef in $EFS $QPS_EFS; do
  [[ " ${done_efs:-} " == *" $ef "* ]] && continue
  done_efs="${done_efs:-} $ef"
  r=$(recall "$ef")
  metric_put "raw_vector_recall_ef$ef" "$r"
  QPS='' AVG_MS=''
  if [[ " $QPS_EFS " == *" $ef "* ]]; then
    pgbench_qps "$ef"
    [[ $QPS =~ ^[0-9.]+$ ]] && metric_put "raw_vector_qps_ef$ef" "$QPS"
  fi
  log "ef_search=$ef: recall@10 $r${QPS:+, $QPS QPS}"
  ROWS_MD+=("| raw SQL | $ef | $r | $(fmt_int "${QPS:-—}") | $(fmt_ms "${AVG_MS:-—}") | |")
  if [[ " $QPS_EFS " == *" $ef "* ]]; then
    raw_qps=$QPS
    pgbench_qps "$ef" "$TMP/top10-shaped.sql" -shaped
    [[ $QPS =~ ^[0-9.]+$ ]] && metric_put "raw_vector_shaped_qps_ef$ef" "$QPS"
    log "ef_search=$ef in Strata's transaction shape: ${QPS:-} QPS"
    ROWS_MD+=("| raw SQL in Strata's transaction shape (5 round trips) | $ef | $r | $(fmt_int "${QPS:-—}") | $(fmt_ms "${AVG_MS:-—}") | $(ratio "$QPS" "$raw_qps") |")
  fi
done

fragment "Ingest (raw): \`COPY\` of $(fmt_int "$ROWS") vectors in $copy_s s ($(fmt_int "$copy_rate") vectors/s); HNSW index build $index_s s; COPY and build together $(fmt_int "$indexed_rate") vectors/s." ""

# --- Strata: only once the vectors API answers ----------------------------------------------------
strata_part() {
  strata_start || { STRATA_SKIP="skipped: $STRATA_ERROR"; return 0; }
  strata_bench_tenant || { STRATA_SKIP="skipped: $STRATA_ERROR"; return 0; }
  local base=http://127.0.0.1:$STRATA_PORT auth="Authorization: Bearer $ACCESS_TOKEN" status
  status=$(http_status -H "$auth" "$base/v1/collections")
  if [[ $status == 404 ]]; then STRATA_SKIP="skipped: vectors HTTP not yet available"; return 0; fi
  [[ $status == 200 ]] || { STRATA_SKIP="skipped: GET /v1/collections answered $status"; return 0; }
  local c=bench-vectors
  curl -s -o /dev/null -X DELETE "$base/v1/collections/$c" -H "$auth" || true
  status=$(http_status -X PUT "$base/v1/collections/$c" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"dimension\":$DIM,\"metric\":\"cosine\",\"index\":{\"type\":\"hnsw\",\"m\":$HNSW_M,\"efConstruction\":$HNSW_EF_CONSTRUCTION}}")
  [[ $status == 201 || $status == 200 ]] || { STRATA_SKIP="failed: PUT /v1/collections/$c answered $status"; return 0; }
  log "upserting $ROWS vectors through HTTP in batches of $BATCH"
  mkdir -p "$TMP/batches"
  awk -F'\t' -v b="$BATCH" -v dir="$TMP/batches" '{
      f = sprintf("%s/%06d.json", dir, int((NR - 1) / b))
      printf "%s{\"id\":\"%s\",\"vector\":%s}", ((NR - 1) % b == 0 ? "{\"items\":[" : ","), $1, $2 > f
      if (NR % b == 0) { printf "]}" > f; close(f) }
    } END { if (NR % b != 0) printf "]}" > f }' "$DATA/items.tsv"
  local start_ns=$(date +%s%N) f
  for f in "$TMP"/batches/*.json; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$base/v1/collections/$c/vectors" -H "$auth" \
      -H 'Content-Type: application/json' --data-binary "@$f")
    [[ $status == 200 ]] || { STRATA_SKIP="failed: upsert of ${f##*/} answered $status"; return 0; }
  done
  local ingest_s ingest_rate
  ingest_s=$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
  ingest_rate=$(awk -v n="$ROWS" -v s="$ingest_s" 'BEGIN {printf "%.0f", n / s}')
  fragment "Ingest (Strata): $(fmt_int "$ROWS") vectors through HTTP in $ingest_s s ($(fmt_int "$ingest_rate") vectors/s, $(ratio "$ingest_rate" "$copy_rate") × raw COPY, $(ratio "$ingest_rate" "$indexed_rate") × raw COPY + index build; the index is maintained while inserting)." ""
  # request bodies: one per query vector; wrk picks one at random (uncached: a unique minScore below any score
  # makes every request distinct without changing its answer) or repeats the first (cached)
  cut -f2 "$DATA/queries.tsv" >"$TMP/queries.txt"
  local ef
  for ef in $QPS_EFS; do
    local hits=0 q=0 line ids truth
    while IFS=$'\t' read -r qid vec; do
      ids=$(curl -s -X POST "$base/v1/collections/$c/search" -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"vector\":$vec,\"k\":10,\"efSearch\":$ef}" | grep -o '"id":"[0-9]*"' | grep -o '[0-9]*' | tr '\n' ' ')
      truth=$(awk -F'\t' -v q="$qid" '$1 == q {gsub(/[{}]/, "", $2); gsub(/,/, " ", $2); print $2}' "$DATA/truth.tsv")
      hits=$((hits + $(comm -12 <(tr ' ' '\n' <<<"$ids" | sed '/^$/d' | sort) <(tr ' ' '\n' <<<"$truth" | sort) | wc -l)))
      q=$((q + 1))
    done <"$DATA/queries.tsv"
    local strata_recall
    strata_recall=$(awk -v h="$hits" -v q="$q" 'BEGIN {printf "%.4f", h / (q * 10)}')
    cat >"$TMP/search.lua" <<LUA
local queries, i = {}, 0
for line in io.lines("$TMP/queries.txt") do queries[#queries + 1] = line end
local mode = os.getenv("BENCH_VECTOR_MODE")
request = function()
  i = i + 1
  local body
  if mode == "cached" then
    body = '{"vector":' .. queries[1] .. ',"k":10,"efSearch":$ef}'
  else
    body = '{"vector":' .. queries[math.random(#queries)] .. ',"k":10,"efSearch":$ef,"minScore":-1.' .. string.format("%09d", i) .. '}'
  end
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $ACCESS_TOKEN"}, body)
end
LUA
    # the raw query once more, right before Strata's runs (the load of a shared machine drifts): the ratios'
    # denominator is the mean of both raw measurements
    QPS='' AVG_MS=''
    pgbench_qps "$ef" "$TMP/top10.sql" -again
    [[ $QPS =~ ^[0-9.]+$ ]] && metric_put "raw_vector_qps_again_ef$ef" "$QPS"
    ROWS_MD+=("| raw SQL, again right before Strata | $ef | $(metric_get "raw_vector_recall_ef$ef") | $(fmt_int "${QPS:-—}") | $(fmt_ms "${AVG_MS:-—}") | |")
    local raw_mean
    raw_mean=$(awk -v a="$(metric_get "raw_vector_qps_ef$ef")" -v b="$QPS" 'BEGIN {
      if (b !~ /^[0-9.]+$/) { print a; exit } if (a !~ /^[0-9.]+$/) { print b; exit } printf "%.1f", (a + b) / 2 }')
    BENCH_VECTOR_MODE=uncached wrk_bench "search-ef$ef" "$base/v1/collections/$c/search" -s "$TMP/search.lua"
    ROWS_MD+=("| Strata HTTP, uncached | $ef | $strata_recall | $(fmt_int "$WRK_RPS") | $(fmt_ms "$WRK_P50") | $(ratio "$WRK_RPS" "$raw_mean") |")
    BENCH_VECTOR_MODE=cached wrk_bench "search-cached-ef$ef" "$base/v1/collections/$c/search" -s "$TMP/search.lua"
    ROWS_MD+=("| Strata HTTP, repeated (cached) | $ef | $strata_recall | $(fmt_int "$WRK_RPS") | $(fmt_ms "$WRK_P50") | $(ratio "$WRK_RPS" "$raw_mean") |")
  done
  curl -s -o /dev/null -X DELETE "$base/v1/collections/$c" -H "$auth" || true
}

STRATA_SKIP=
strata_part
fragment "Latency: raw = pgbench's average, Strata = wrk's p50." "" "| Path | ef_search | recall@10 | QPS | latency ms | × raw |" "|---|---:|---:|---:|---:|---:|" "${ROWS_MD[@]}" ""
[[ -z $STRATA_SKIP ]] || fragment "_Strata side ${STRATA_SKIP}_" ""
log "done"
