#!/usr/bin/env bash
# Secrets: reveal throughput through HTTP, with this instance's plaintext cache on (a repeated reveal of one
# version is a memory copy) and off (strata.secrets.cache-max=0: every reveal unwraps the data key and decrypts),
# next to what bounds both: every reveal commits an audit record first, and the audit chain is appended under a
# per-tenant advisory lock, so one tenant's reveals are serialised on that transaction. The raw side runs that
# transaction alone with pgbench (advisory lock, last chain row, INSERT) in a throwaway database.
# The cryptographic floor (raw AES-GCM, EnvelopeCipher.open, a cache hit) is the JMH benchmark bench/jmh-crypto.
#
# Settings: BENCH_SECRETS_DB (strata_bench), BENCH_SECRET_BYTES (32).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "$0")/../lib.sh"

SECRETS_DB=${BENCH_SECRETS_DB:-strata_bench}
SECRET_BYTES=${BENCH_SECRET_BYTES:-32}

fragment_begin "Secrets: reveal, cached and uncached" \
  "wrk POSTs \`/v1/secrets/{name}/reveal\` of one ${SECRET_BYTES}-byte secret (current version) with a Bearer token holding \`secrets:reveal\`: once with the plaintext cache on (the defaults: after the first reveal the value is copied out of process memory), once after a restart with \`strata.secrets.cache-max=0\` (every reveal unwraps the data key with the master key and decrypts the value, AES-256-GCM). Every reveal, cached or not, first commits an audit record in Postgres, chained by hash under a per-tenant advisory lock: the raw row is that transaction alone with pgbench (\`pg_advisory_xact_lock\`, the last chain row, an INSERT) in a throwaway database (\`BENCH_SECRETS_DB\`; the role must be able to create it, or it must exist), the bound of one tenant's reveal rate. wrk waits up to 10 s for an answer (requests queue behind the tenant's audit lock). Ratios: cached / uncached, and each / raw audit transaction. The decrypt itself is measured by JMH (bench/jmh-crypto, section 'Secrets: reveal path (JMH)')."

need_tool wrk wrk || not_available "wrk is not installed"
need_tool curl curl || not_available "curl is not installed"
need_tool pgbench postgresql-contrib || not_available "pgbench is not installed"
require_loopback "$REDIS_HOST" "$PG_HOST"

# one master key for both starts of this run (the secret is sealed under it); never printed
STRATA_SECRETS_MASTER_KEYS_BENCH=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
export STRATA_SECRETS_MASTER_KEYS_BENCH
export STRATA_SECRETS_ACTIVE_KEY=bench
run=$(date +%s)
name=bench-reveal-$run
value=$(head -c "$SECRET_BYTES" /dev/zero | tr '\0' s)

reveal_lua=$RESULTS_DIR/$SCENARIO-reveal.lua
write_lua() {
  cat >"$reveal_lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $ACCESS_TOKEN"
wrk.body = '{}'
LUA
}

# --- (1) cache on ------------------------------------------------------------------------------
strata_start || not_available "$STRATA_ERROR"
strata_bench_tenant || not_available "$STRATA_ERROR"
base=http://127.0.0.1:$STRATA_PORT
auth="Authorization: Bearer $ACCESS_TOKEN"
code=$(http_status -X POST -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$name\",\"value\":\"$value\"}" "$base/v1/secrets")
[[ $code == 201 ]] || not_available "POST /v1/secrets answered HTTP $code"
on_exit "curl -s -o /dev/null --max-time 5 -X DELETE -H '$auth' '$base/v1/secrets/$name' || true"
code=$(http_status -X POST -H "$auth" -H 'Content-Type: application/json' -d '{}' "$base/v1/secrets/$name/reveal")
[[ $code == 200 ]] || not_available "POST /v1/secrets/{name}/reveal answered HTTP $code"
write_lua
wrk_bench cached "$base/v1/secrets/$name/reveal" -s "$reveal_lua" --timeout 10s
c_rps=$WRK_RPS c_p50=$WRK_P50 c_p99=$WRK_P99 c_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
strata_stop

# --- (2) cache off -----------------------------------------------------------------------------
STRATA_JAVA_OPTS="$STRATA_JAVA_OPTS -Dstrata.secrets.cache-max=0"
strata_start || not_available "$STRATA_ERROR"
base=http://127.0.0.1:$STRATA_PORT
code=$(http_status -X POST -H "$auth" -H 'Content-Type: application/json' -d '{}' "$base/v1/secrets/$name/reveal")
[[ $code == 200 ]] || not_available "POST /v1/secrets/{name}/reveal (cache off) answered HTTP $code"
wrk_bench uncached "$base/v1/secrets/$name/reveal" -s "$reveal_lua" --timeout 10s
u_rps=$WRK_RPS u_p50=$WRK_P50 u_p99=$WRK_P99 u_bad=$((WRK_NON2XX + WRK_SOCKET_ERRORS))
audit_rows=$(curl -s --max-time 30 -H "$auth" "$base/v1/secrets/audit?name=$name&limit=1" \
  | grep -o -E '"(chainValid|checked)":[a-z0-9]+' | tr '\n' ' ' || true)
curl -s -o /dev/null --max-time 5 -X DELETE -H "$auth" "$base/v1/secrets/$name" || true

# --- (3) raw: the audit transaction alone --------------------------------------------------------
export PGPASSWORD=$PG_PASSWORD
psql_raw() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
pg_tps=
if psql_raw -d "$PG_DB" -tc "select 1 from pg_database where datname = '$SECRETS_DB'" | grep -q 1 \
  || psql_raw -d "$PG_DB" -c "create database $SECRETS_DB" >/dev/null 2>&1; then
  psql_raw -d "$SECRETS_DB" <<SQL >/dev/null
create table if not exists bench_secret_audit (sequence bigint primary key, actor text, secret text, version int,
  action text, request_id text, at timestamptz, prev_hash bytea, hash bytea);
truncate bench_secret_audit;
insert into bench_secret_audit values (0, 'bench', 'genesis', 0, 'create', 'r', now(), null, sha256('genesis'));
SQL
  pgscript=$RESULTS_DIR/$SCENARIO-audit.sql
  cat >"$pgscript" <<'SQL'
BEGIN;
SELECT pg_advisory_xact_lock(hashtext('bench-tenant'), hashtext('secret-audit-chain'));
SELECT sequence, hash FROM bench_secret_audit ORDER BY sequence DESC LIMIT 1 \gset
INSERT INTO bench_secret_audit VALUES (CAST(:sequence AS bigint) + 1, 'client-bench', 'db-password', 1, 'reveal', md5(CAST(random() AS text)), now(), CAST(:hash AS bytea), sha256(convert_to(md5(CAST(random() AS text)), 'UTF8')));
COMMIT;
SQL
  secs=$(duration_seconds "$BENCH_DURATION")
  log "pgbench raw audit append (${secs}s, $BENCH_CONNECTIONS clients)"
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -M prepared -c "$BENCH_CONNECTIONS" -j "$BENCH_THREADS" \
    -T "$secs" -f "$pgscript" "$SECRETS_DB" >"$RESULTS_DIR/$SCENARIO-pgbench.txt" 2>&1 || true
  pg_tps=$(awk '/^tps = / {print $3; exit}' "$RESULTS_DIR/$SCENARIO-pgbench.txt")
  psql_raw -d "$SECRETS_DB" -c "drop table if exists bench_secret_audit" >/dev/null 2>&1 || true
fi

metric_put secrets_reveal_cached_rps "$c_rps"
metric_put secrets_reveal_uncached_rps "$u_rps"
metric_put secrets_raw_audit_tps "${pg_tps:-n/a}"

fragment "$(settings_line) Latencies in ms. The audit chain after the run: ${audit_rows:-not read}." ""
fragment "| Path | reveals/s | p50 ms | p99 ms | errors |" \
  "|---|---:|---:|---:|---:|" \
  "| HTTP reveal, plaintext cache on (repeated version) | $(fmt_int "$c_rps") | $(fmt_ms "$c_p50") | $(fmt_ms "$c_p99") | $c_bad |" \
  "| HTTP reveal, cache off (\`strata.secrets.cache-max=0\`) | $(fmt_int "$u_rps") | $(fmt_ms "$u_p50") | $(fmt_ms "$u_p99") | $u_bad |" \
  "| raw pgbench audit append (advisory lock + last row + INSERT) | $(fmt_int "${pg_tps:-n/a}") | | | |" \
  "| **ratio cached / uncached** | **$(ratio "$c_rps" "$u_rps")** | | | |" \
  "| ratio cached / raw audit append | $(ratio "$c_rps" "${pg_tps:-n/a}") | | | |" \
  "| ratio uncached / raw audit append | $(ratio "$u_rps" "${pg_tps:-n/a}") | | | |" \
  ""
log "done: cached $c_rps/s, uncached $u_rps/s, raw audit ${pg_tps:-?}/s"
