-- Jobs: durable queues of background work, their per-queue limits and the cron schedules that feed them.
-- Every table follows V1's conventions (tenant_id first in the key, RLS enabled and forced, one
-- tenant_isolation policy); the serving role's DML grants come from V9's default privileges.

-- One row per queue that ever had a job or a setting. Claims lock it FOR SHARE (a pause or a new limit waits
-- for claims in flight and binds every claim after it); claims on a queue with a concurrency limit also take a
-- transaction-scoped advisory lock per queue, so that counting the running jobs and claiming more is one step
-- across all instances.
create table job_queues (
    tenant_id       uuid             not null references tenants (id) on delete cascade,
    queue           text             not null,
    paused          boolean          not null default false,
    concurrency     integer          check (concurrency is null or concurrency >= 1),
    rate_per_second double precision check (rate_per_second is null or rate_per_second > 0),
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null,
    primary key (tenant_id, queue)
);

create table jobs (
    tenant_id            uuid        not null references tenants (id) on delete cascade,
    id                   uuid        not null,
    -- the order of enqueueing: FIFO within one priority and run time, and the cursor of listings
    seq                  bigint      generated always as identity,
    queue                text        not null,
    type                 text        not null,
    payload              text        not null,
    secret_payload       boolean     not null default false,
    state                text        not null check (state in ('waiting', 'delayed', 'running', 'completed',
                                                               'failed', 'dead', 'cancelled')),
    priority             smallint    not null check (priority between 0 and 9),
    -- when the job may run next: its first run, or its retry after a backoff
    run_at               timestamptz not null,
    attempts             integer     not null default 0,
    max_attempts         integer     not null check (max_attempts >= 1),
    backoff_type         text        not null check (backoff_type in ('exponential', 'fixed')),
    backoff_base_seconds integer     not null check (backoff_base_seconds >= 1),
    backoff_max_seconds  integer     not null check (backoff_max_seconds >= backoff_base_seconds),
    timeout_seconds      integer     not null check (timeout_seconds >= 1),
    unique_key           text,
    worker               text,
    lease_until          timestamptz,
    progress             smallint    not null default 0 check (progress between 0 and 100),
    progress_message     text,
    last_error           text,
    result               text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    started_at           timestamptz,
    finished_at          timestamptz,
    primary key (tenant_id, id),
    check ((state = 'running') = (lease_until is not null and worker is not null))
);

-- The claim: due pending jobs of one queue, highest priority first, then by run time, then FIFO.
create index jobs_claim on jobs (tenant_id, queue, state, priority desc, run_at, seq);
-- Dedup: one pending or running job per unique key and queue.
create unique index jobs_unique_key on jobs (tenant_id, queue, unique_key)
    where unique_key is not null and state in ('waiting', 'delayed', 'running');
-- The reaper: running jobs by lease end.
create index jobs_leases on jobs (tenant_id, queue, lease_until) where state = 'running';
-- Listings by state with a cursor, and the dead jobs a retry-all revives.
create index jobs_by_state on jobs (tenant_id, queue, state, seq);

create table job_schedules (
    tenant_id   uuid        not null references tenants (id) on delete cascade,
    name        text        not null,
    queue       text        not null,
    type        text        not null,
    payload     text        not null,
    cron        text        not null,
    timezone    text        not null,
    -- the next tick; firing moves it on with a conditional update (where next_run_at = the tick it fired),
    -- so one tick enqueues one job across all instances
    next_run_at timestamptz not null,
    last_run_at timestamptz,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, name)
);
create index job_schedules_due on job_schedules (tenant_id, next_run_at);

do $$
declare t text;
begin
    foreach t in array array['job_queues', 'jobs', 'job_schedules'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = strata_current_tenant()) '
                       'with check (tenant_id = strata_current_tenant())', t);
    end loop;
end $$;
