-- Jobs housekeeping across tenants, and the claim rate of a queue.
--
-- The background loops (lease reaper, schedule ticker, retention) run for no tenant, yet the jobs tables are
-- tenant-scoped under forced row-level security. The SECURITY DEFINER functions below tell a loop which
-- (tenant, queue) pairs or tenants have work, and nothing else: they answer ids and queue names only, never a
-- job or a payload. The loop then acts as each tenant named, through the ordinary tenant-scoped statements. They
-- run as the migrating role, which gets a SELECT-only policy on jobs and job_schedules for it; the serving role
-- gains nothing but the right to call the functions.

do $$
begin
    if current_user = '${serving_role}' then
        raise exception 'migrations must run as the schema owner, not as the serving role';
    end if;
end $$;

create policy housekeeping_read on jobs for select to current_user using (true);
create policy housekeeping_read on job_schedules for select to current_user using (true);

-- running jobs by lease end, over all tenants: the reaper's range scan
create index jobs_lease_expiry on jobs (lease_until) where state = 'running';
-- finished jobs by end, over all tenants: the retention's range scan
create index jobs_finished on jobs (finished_at) where state in ('completed', 'cancelled', 'failed', 'dead');
-- schedules by next tick, over all tenants: the ticker's range scan
create index job_schedules_next on job_schedules (next_run_at);

-- (tenant, queue) pairs with a running job whose lease ran out by p_now, at most p_limit of them.
create function strata_jobs_expired_leases(p_now timestamptz, p_limit integer)
    returns table (tenant_id uuid, queue text)
    language sql stable security definer set search_path = public, pg_temp
as $$
    select distinct e.tenant_id, e.queue
    from (select j.tenant_id, j.queue from jobs j
          where j.state = 'running' and j.lease_until <= p_now
          order by j.lease_until limit greatest(p_limit, 0) * 10) e
    limit greatest(p_limit, 0)
$$;

-- Tenants with a schedule whose next tick is due at p_now, at most p_limit of them.
create function strata_jobs_due_schedule_tenants(p_now timestamptz, p_limit integer)
    returns table (tenant_id uuid)
    language sql stable security definer set search_path = public, pg_temp
as $$
    select distinct d.tenant_id
    from (select s.tenant_id from job_schedules s where s.next_run_at <= p_now
          order by s.next_run_at limit greatest(p_limit, 0) * 10) d
    limit greatest(p_limit, 0)
$$;

-- (tenant, queue) pairs holding completed or cancelled jobs finished before p_completed_before, or failed or
-- dead jobs finished before p_dead_before; at most p_limit of them.
create function strata_jobs_expired_finished(p_completed_before timestamptz, p_dead_before timestamptz,
                                             p_limit integer)
    returns table (tenant_id uuid, queue text)
    language sql stable security definer set search_path = public, pg_temp
as $$
    select distinct f.tenant_id, f.queue
    from ((select j.tenant_id, j.queue from jobs j
           where j.state in ('completed', 'cancelled') and j.finished_at < p_completed_before
           order by j.finished_at limit greatest(p_limit, 0) * 10)
          union all
          (select j.tenant_id, j.queue from jobs j
           where j.state in ('failed', 'dead') and j.finished_at < p_dead_before
           order by j.finished_at limit greatest(p_limit, 0) * 10)) f
    limit greatest(p_limit, 0)
$$;

revoke execute on function strata_jobs_expired_leases(timestamptz, integer) from public;
revoke execute on function strata_jobs_due_schedule_tenants(timestamptz, integer) from public;
revoke execute on function strata_jobs_expired_finished(timestamptz, timestamptz, integer) from public;
grant execute on function strata_jobs_expired_leases(timestamptz, integer) to "${serving_role}";
grant execute on function strata_jobs_due_schedule_tenants(timestamptz, integer) to "${serving_role}";
grant execute on function strata_jobs_expired_finished(timestamptz, timestamptz, integer) to "${serving_role}";

-- The recent claims of a queue with a ratePerSecond: claim instants and how many jobs each took, within the
-- last window. A claim on a rate-limited queue locks its row FOR UPDATE (after the queue row FOR SHARE and the
-- concurrency lock), counts the claims of the window, takes at most the rest and appends its own, so the limit
-- holds across all instances. A row of its own, not columns of job_queues: claims hold that row FOR SHARE,
-- and updating it there would deadlock two claimers.
create table job_queue_rates (
    tenant_id  uuid          not null references tenants (id) on delete cascade,
    queue      text          not null,
    claimed_at timestamptz[] not null default '{}',
    claimed    integer[]     not null default '{}',
    primary key (tenant_id, queue)
);
alter table job_queue_rates enable row level security;
alter table job_queue_rates force row level security;
create policy tenant_isolation on job_queue_rates using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());
grant select, insert, update, delete on job_queue_rates to "${serving_role}";
