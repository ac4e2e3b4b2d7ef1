#!/usr/bin/env bash
# Local Redis and Postgres (+pgvector) for Strata: up | down | status | reset (empty database).
#
# Resolution order for `up` (idempotent; a second run takes well under 5 s):
#   1. REDIS_URI / DATASOURCES_DEFAULT_URL set in the environment -> use them as they are.
#   2. servers already answering on 127.0.0.1:6379 and 127.0.0.1:5432 -> use them
#      (the `strata` role/database are created when the local cluster is ours).
#   3. a running Docker engine -> `docker compose up -d` with docker-compose.yml.
#   4. Debian/Ubuntu as root -> apt-get install redis-server postgresql-15
#      postgresql-server-dev-15, build pgvector 0.8.0 from Debian trixie's source
#      package (without touching the system's apt sources), start both on 127.0.0.1.
#   5. otherwise: say exactly what to install, exit 1.
# On Debian as root, `up` also installs chromium and chromium-driver when missing (the dashboard's browser test).
#
# Two roles: the owner of the database and its schema, which runs the migrations (STRATA_MIGRATIONS_USERNAME,
# strata_owner), and the serving role with DML only (DATASOURCES_DEFAULT_USERNAME, strata). A database of the
# old layout (tables owned by the serving role) is handed over to the owner by `up`.
#
# Variables: REDIS_URI (redis://127.0.0.1:6379), DATASOURCES_DEFAULT_URL
# (jdbc:postgresql://127.0.0.1:5432/strata), DATASOURCES_DEFAULT_USERNAME (strata),
# DATASOURCES_DEFAULT_PASSWORD (strata), STRATA_MIGRATIONS_USERNAME (strata_owner),
# STRATA_MIGRATIONS_PASSWORD (strata_owner), STRATA_DB_NAME (strata), STRATA_PG_SHARED_BUFFERS (1GB).
set -euo pipefail

PGVECTOR_VERSION=0.8.0
PG_MAJOR=15
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
DB_USER=${DATASOURCES_DEFAULT_USERNAME:-strata}
DB_PASS=${DATASOURCES_DEFAULT_PASSWORD:-strata}
OWNER_USER=${STRATA_MIGRATIONS_USERNAME:-strata_owner}
OWNER_PASS=${STRATA_MIGRATIONS_PASSWORD:-strata_owner}
DB_NAME=${STRATA_DB_NAME:-strata}
REDIS_PORT=6379
PG_PORT=5432
SHARED_BUFFERS=${STRATA_PG_SHARED_BUFFERS:-1GB}
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# --- probes (bash /dev/tcp: no client tools needed) ---------------------------------
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
redis_pong() {
  local host=$1 port=$2 reply
  reply=$( (exec 3<>"/dev/tcp/$host/$port" && printf 'PING\r\n' >&3 && timeout 2 head -c 7 <&3) 2>/dev/null || true)
  [[ $reply == +PONG* ]]
}
strata_db_ok() {
  # pgvector and pg_prewarm are there, the owner role can log in, and the serving role owns nothing (not the database,
  # not a table, not a function): the layout that migrations and the start-up role guard expect.
  command -v psql >/dev/null || return 1
  PGPASSWORD=$OWNER_PASS PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p $PG_PORT -U "$OWNER_USER" -d "$DB_NAME" \
    -tAc "select 1" >/dev/null 2>&1 || return 1
  PGPASSWORD=$DB_PASS PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p $PG_PORT -U "$DB_USER" -d "$DB_NAME" -tA \
    -c "select 1 from pg_extension where extname = 'vector'
          and exists (select from pg_extension where extname = 'pg_prewarm')
          and not pg_has_role(current_user, (select datdba from pg_database where datname = current_database()), 'MEMBER')
          and not exists (select from pg_class where relowner = (select oid from pg_roles where rolname = current_user)
                                                 and relpersistence <> 't')
          and not exists (select from pg_proc where proowner = (select oid from pg_roles where rolname = current_user))" \
    2>/dev/null | grep -q 1
}
wait_for() { # wait_for <seconds> <cmd...>
  local n=$1; shift
  for ((i = 0; i < n * 10; i++)); do "$@" && return 0; sleep 0.1; done
  return 1
}

# --- native Debian install --------------------------------------------------------------
is_debian_root() { [[ -f /etc/debian_version && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; }

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  log "apt-get install ${missing[*]}"
  # Package post-install scripts must not try to start services under us.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
}

pgvector_installed() { [[ -f /usr/share/postgresql/$PG_MAJOR/extension/vector.control ]]; }

build_pgvector() {
  pgvector_installed && return 0
  log "building pgvector $PGVECTOR_VERSION from Debian's source package"
  apt_install dpkg-dev build-essential postgresql-server-dev-$PG_MAJOR debian-archive-keyring
  local d; d=$(mktemp -d)
  mkdir -p "$d/lists/partial"
  chmod -R a+rwX "$d"
  cat >"$d/trixie.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  # Private source list and state dir: the system's apt configuration is never touched.
  local opts=(-o "Dir::Etc::sourcelist=$d/trixie.sources" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$d/lists")
  apt-get "${opts[@]}" update -qq >/dev/null
  (cd "$d" && apt-get "${opts[@]}" source --download-only pgvector >/dev/null 2>&1)
  local tarball; tarball=$(ls "$d"/pgvector_${PGVECTOR_VERSION}*.orig.tar.gz 2>/dev/null | head -1)
  [[ -n $tarball ]] || die "pgvector $PGVECTOR_VERSION source not found in trixie (got: $(ls "$d"))"
  tar -xzf "$tarball" -C "$d"
  local src; src=$(find "$d" -maxdepth 1 -type d -name "pgvector-*" | head -1)
  make -s -C "$src" PG_CONFIG=$PG_BIN/pg_config >/dev/null 2>&1
  make -s -C "$src" PG_CONFIG=$PG_BIN/pg_config install >/dev/null
  rm -rf "$d"
  pgvector_installed || die "pgvector did not install"
}

start_postgres_native() {
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$PG_MAJOR main$"; then
    pg_createcluster $PG_MAJOR main >/dev/null
  fi
  local conf=/etc/postgresql/$PG_MAJOR/main/postgresql.conf
  local cur; cur=$(grep -E "^shared_buffers" "$conf" | head -1 || true)
  if [[ $cur != "shared_buffers = $SHARED_BUFFERS"* ]]; then
    # Vector indexes must stay in memory.
    sed -i -E "s/^#?shared_buffers *=.*/shared_buffers = $SHARED_BUFFERS/" "$conf"
    grep -q "^listen_addresses" "$conf" || echo "listen_addresses = '127.0.0.1'" >>"$conf"
    pg_ctlcluster --skip-systemctl-redirect $PG_MAJOR main stop >/dev/null 2>&1 || true
  fi
  if ! pg_lsclusters -h | grep -E "^$PG_MAJOR +main" | grep -q online; then
    log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$PG_PORT"
    pg_ctlcluster --skip-systemctl-redirect $PG_MAJOR main start
  fi
  wait_for 30 tcp_open 127.0.0.1 $PG_PORT || die "PostgreSQL did not start"
}

provision_db() {
  # As the postgres superuser. Roles: never superuser, never BYPASSRLS (row-level security must bind them).
  su postgres -c "psql -q -v ON_ERROR_STOP=1" >/dev/null <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$OWNER_USER') then
    create role "$OWNER_USER" login password '$OWNER_PASS' nosuperuser nobypassrls nocreaterole nocreatedb;
  end if;
  if not exists (select from pg_roles where rolname = '$DB_USER') then
    create role "$DB_USER" login password '$DB_PASS' nosuperuser nobypassrls nocreaterole nocreatedb;
  end if;
end \$\$;
SQL
  if ! su postgres -c "psql -tAc \"select 1 from pg_database where datname='$DB_NAME'\"" | grep -q 1; then
    su postgres -c "createdb -O $OWNER_USER $DB_NAME"
  fi
  # The owner owns the database (so the schema public, owned by pg_database_owner) and every object in it;
  # the serving role gets DML only. Converts a database of the old layout; a no-op on the new one.
  su postgres -c "psql -q -v ON_ERROR_STOP=1 -d $DB_NAME" >/dev/null <<SQL
alter database "$DB_NAME" owner to "$OWNER_USER";
create extension if not exists vector;
-- pg_prewarm (PostgreSQL contrib, not a trusted extension) loads vector indexes into shared buffers at start
create extension if not exists pg_prewarm;
do \$\$
declare
  r record;
begin
  for r in select c.oid::regclass as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where c.relowner = (select oid from pg_roles where rolname = '$DB_USER') and c.relkind in ('r', 'p', 'v', 'm', 'f')
             and n.nspname not in ('pg_catalog', 'information_schema') and c.relpersistence <> 't' loop
    execute format('alter %s %s owner to %I',
      case r.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end,
      r.name, '$OWNER_USER');
  end loop;
  -- sequences after tables: those a table owns moved with it
  for r in select c.oid::regclass as name from pg_class c
           where c.relowner = (select oid from pg_roles where rolname = '$DB_USER') and c.relkind = 'S' loop
    execute format('alter sequence %s owner to %I', r.name, '$OWNER_USER');
  end loop;
  for r in select p.oid::regprocedure as name, p.prokind from pg_proc p
           where p.proowner = (select oid from pg_roles where rolname = '$DB_USER') loop
    execute format('alter %s %s owner to %I',
      case r.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end, r.name, '$OWNER_USER');
  end loop;
  for r in select t.oid::regtype as name, t.typtype from pg_type t
           where t.typowner = (select oid from pg_roles where rolname = '$DB_USER') and t.typtype in ('e', 'd', 'r')
             and t.typnamespace = 'public'::regnamespace loop
    execute format('alter %s %s owner to %I', case r.typtype when 'd' then 'domain' else 'type' end, r.name, '$OWNER_USER');
  end loop;
end \$\$;
-- the owner holds every right on its own tables (a right an owner revoked from itself is given back)
do \$\$
declare
  r record;
begin
  for r in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p')
             and c.relowner = (select oid from pg_roles where rolname = '$OWNER_USER') loop
    execute format('grant all on %s to %I', r.name, '$OWNER_USER');
  end loop;
end \$\$;
revoke create on schema public from "$DB_USER";
grant usage on schema public to "$DB_USER";
grant select, insert, update, delete on all tables in schema public to "$DB_USER";
grant usage, select on all sequences in schema public to "$DB_USER";
grant execute on all functions in schema public to "$DB_USER";
alter default privileges for role "$OWNER_USER" in schema public grant select, insert, update, delete on tables to "$DB_USER";
alter default privileges for role "$OWNER_USER" in schema public grant usage, select on sequences to "$DB_USER";
alter default privileges for role "$OWNER_USER" in schema public grant execute on functions to "$DB_USER";
do \$\$ begin
  if to_regclass('public.flyway_schema_history') is not null then
    execute 'revoke insert, update, delete, truncate on public.flyway_schema_history from "$DB_USER"';
  end if;
end \$\$;
SQL
}

start_redis_native() {
  redis_pong 127.0.0.1 $REDIS_PORT && return 0
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  mkdir -p /var/lib/strata-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no \
    --dir /var/lib/strata-redis --pidfile /var/lib/strata-redis/redis.pid \
    --logfile /var/lib/strata-redis/redis.log >/dev/null
  wait_for 10 redis_pong 127.0.0.1 $REDIS_PORT || die "Redis did not start"
}

native_up() {
  browser_up
  apt_install redis-server postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-contrib
  build_pgvector
  start_redis_native
  start_postgres_native
  provision_db
}

docker_engine() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

# The dashboard's browser test drives Debian's headless Chromium through chromedriver. Installed when missing (quiet,
# idempotent: nothing happens when both are there); elsewhere the test fails naming what to install.
browser_up() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return 0
  if is_debian_root; then
    apt_install chromium chromium-driver
  else
    log "chromium and chromedriver not found: install them for the dashboard's browser test"
  fi
}

# --- commands ----------------------------------------------------------------------------
up() {
  if [[ -n ${REDIS_URI:-} || -n ${DATASOURCES_DEFAULT_URL:-} ]]; then
    [[ -n ${REDIS_URI:-} && -n ${DATASOURCES_DEFAULT_URL:-} ]] \
      || die "set both REDIS_URI and DATASOURCES_DEFAULT_URL, or neither"
    log "using configured services: $REDIS_URI and $DATASOURCES_DEFAULT_URL"
    return 0
  fi
  if redis_pong 127.0.0.1 $REDIS_PORT && strata_db_ok; then
    log "Redis and PostgreSQL (with pgvector) already up on 127.0.0.1"
    return 0
  fi
  if redis_pong 127.0.0.1 $REDIS_PORT && tcp_open 127.0.0.1 $PG_PORT && is_debian_root \
     && command -v pg_lsclusters >/dev/null && pg_lsclusters -h | grep -qE "^$PG_MAJOR +main +$PG_PORT +online"; then
    build_pgvector
    provision_db
    strata_db_ok && return 0
  fi
  if docker_engine; then
    log "starting Redis and pgvector with docker compose"
    docker compose -f "$REPO_DIR/docker-compose.yml" up -d --wait
    return 0
  fi
  if is_debian_root; then
    native_up
    strata_db_ok || die "PostgreSQL is up but database $DB_NAME is not reachable as $DB_USER and $OWNER_USER"
    log "Redis and PostgreSQL $PG_MAJOR with pgvector $PGVECTOR_VERSION are up"
    return 0
  fi
  die "no Redis/PostgreSQL found. Install Redis >= 7 and PostgreSQL >= 15 with pgvector >= 0.8
  (or start a Docker engine, or run this script as root on Debian/Ubuntu), then create the roles
  '$OWNER_USER' (owns database '$DB_NAME') and '$DB_USER' (DML only), and run 'CREATE EXTENSION vector'
  in it as a superuser; or point REDIS_URI and DATASOURCES_DEFAULT_URL/USERNAME/PASSWORD and
  STRATA_MIGRATIONS_USERNAME/PASSWORD at existing servers."
}

down() {
  if docker_engine && [[ -n $(docker compose -f "$REPO_DIR/docker-compose.yml" ps -q 2>/dev/null) ]]; then
    docker compose -f "$REPO_DIR/docker-compose.yml" down
  fi
  if [[ -f /var/lib/strata-redis/redis.pid ]]; then
    kill "$(cat /var/lib/strata-redis/redis.pid)" 2>/dev/null || true
    rm -f /var/lib/strata-redis/redis.pid
  fi
  if command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | grep -qE "^$PG_MAJOR +main.*online"; then
    pg_ctlcluster --skip-systemctl-redirect $PG_MAJOR main stop || true
  fi
  log "stopped"
}

reset() {
  # Drops and recreates the local database (`strata`) (all data lost): for a clean slate after
  # experimenting with migrations. Only for the local cluster this script manages.
  [[ -z ${DATASOURCES_DEFAULT_URL:-} ]] || die "reset refuses to touch a configured DATASOURCES_DEFAULT_URL"
  is_debian_root && command -v pg_lsclusters >/dev/null || die "reset needs the local Debian cluster (run as root)"
  up
  su postgres -c "dropdb --if-exists --force $DB_NAME"
  provision_db
  log "database $DB_NAME recreated (empty)"
}

status() {
  local rc=0
  if redis_pong 127.0.0.1 $REDIS_PORT; then echo "redis: up (127.0.0.1:$REDIS_PORT)"; else echo "redis: down"; rc=1; fi
  if strata_db_ok; then echo "postgres: up (127.0.0.1:$PG_PORT/$DB_NAME, pgvector present)"
  elif tcp_open 127.0.0.1 $PG_PORT; then echo "postgres: up, but database '$DB_NAME', its roles or pgvector missing"; rc=1
  else echo "postgres: down"; rc=1; fi
  return $rc
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  reset) reset ;;
  *) echo "usage: $0 up|down|status|reset" >&2; exit 2 ;;
esac
