-- Jobs: the pending-jobs quota reads a counter instead of counting a tenant's pending jobs on every enqueue.
--
-- job_pending_counts holds, per tenant, the number of its jobs in state waiting or delayed, spread over shards
-- (the shard is the writing backend's pid modulo 64), so that concurrent transactions of one tenant rarely update
-- the same row: a shard row stays locked until its writer commits. The sum of a tenant's shards equals, in every
-- snapshot, the number of its pending job rows: a trigger on jobs changes it in the same transaction as the row
-- (insert, every state change in or out of waiting/delayed, delete). A single shard may go below zero; the sum
-- never does. Deleting a pending job (only a tenant's deletion does) lowers one existing shard of the tenant, and
-- does nothing when the tenant's counters are gone already (they cascade with the tenant).

create table job_pending_counts (
    tenant_id uuid     not null references tenants (id) on delete cascade,
    shard     smallint not null check (shard between 0 and 63),
    pending   bigint   not null,
    primary key (tenant_id, shard)
);

-- no change to jobs between the count below and the trigger taking over
lock table jobs in share row exclusive mode;

-- the migrating role reads every tenant's jobs through V24's housekeeping_read policy
insert into job_pending_counts (tenant_id, shard, pending)
select tenant_id, 0, count(*) from jobs where state in ('waiting', 'delayed') group by tenant_id;

alter table job_pending_counts enable row level security;
alter table job_pending_counts force row level security;
create policy tenant_isolation on job_pending_counts using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());

-- Runs as the writer of the job row, in its transaction and under its tenant's row-level security.
create function strata_jobs_count_pending() returns trigger
    language plpgsql set search_path = public, pg_temp
as $$
declare
    delta integer;
begin
    if tg_op = 'INSERT' then
        delta := case when new.state in ('waiting', 'delayed') then 1 else 0 end;
    elsif tg_op = 'UPDATE' then
        delta := (case when new.state in ('waiting', 'delayed') then 1 else 0 end)
               - (case when old.state in ('waiting', 'delayed') then 1 else 0 end);
    else
        if old.state in ('waiting', 'delayed') then
            update job_pending_counts set pending = pending - 1
            where tenant_id = old.tenant_id
              and shard = (select c.shard from job_pending_counts c where c.tenant_id = old.tenant_id limit 1);
        end if;
        return null;
    end if;
    if delta <> 0 then
        insert into job_pending_counts as c (tenant_id, shard, pending)
        values (new.tenant_id, pg_backend_pid() % 64, delta)
        on conflict (tenant_id, shard) do update set pending = c.pending + excluded.pending;
    end if;
    return null;
end
$$;

create trigger jobs_count_pending after insert or delete on jobs
    for each row execute function strata_jobs_count_pending();
create trigger jobs_count_pending_state after update of state on jobs
    for each row when (old.state is distinct from new.state) execute function strata_jobs_count_pending();
