-- Operations: cluster-wide figures for metrics and alerts, and the state of the alerts being delivered.
--
-- The cluster-wide gauges are sampled for no tenant, yet the tables they summarise are tenant-scoped under forced
-- row-level security. The SECURITY DEFINER functions below answer aggregates (counts, ages) and, for the sampler
-- that aggregates consumer-group lag, group names with their tenant: never an event, a payload or a session. They
-- run as the migrating role, which gets SELECT-only policies for it (V24's pattern); the serving role gains nothing
-- but the right to call them.

do $$
begin
    if current_user = '${serving_role}' then
        raise exception 'migrations must run as the schema owner, not as the serving role';
    end if;
end $$;

create policy operations_read on events for select to current_user using (true);
create policy operations_read on event_relay for select to current_user using (true);
create policy operations_read on event_groups for select to current_user using (true);
create policy operations_read on event_dead_letters for select to current_user using (true);
create policy operations_read on sessions for select to current_user using (true);

-- Events appended but not yet relayed to the live stream, over all tenants: how many, and when the oldest was
-- appended (its CloudEvents time; null when none waits).
create function strata_ops_outbox()
    returns table (backlog bigint, oldest timestamptz)
    language sql stable security definer set search_path = public, pg_temp
as $$
    select coalesce(sum(greatest(q.up_to_sequence - coalesce(r.relayed_sequence, 0), 0)), 0)::bigint,
           min(e.time)
    from event_relay_queue q
    left join event_relay r on r.tenant_id = q.tenant_id and r.topic = q.topic
    left join events e on e.tenant_id = q.tenant_id and e.topic = q.topic
                      and e.sequence = coalesce(r.relayed_sequence, 0) + 1
    where q.up_to_sequence > coalesce(r.relayed_sequence, 0)
$$;

-- Sessions not yet expired, over all tenants.
create function strata_ops_sessions_active(p_now timestamptz)
    returns bigint
    language sql stable security definer set search_path = public, pg_temp
as $$ select count(*) from sessions where expires_at > p_now $$;

-- Dead letters waiting, over all tenants.
create function strata_ops_dead_letters()
    returns bigint
    language sql stable security definer set search_path = public, pg_temp
as $$ select count(*) from event_dead_letters $$;

-- Every tenant's consumer groups (tenant id and slug, topic, group name), at most p_limit: the sampler then reads
-- each group's figures as its tenant and keeps only the aggregates.
create function strata_ops_groups(p_limit integer)
    returns table (tenant_id uuid, slug text, topic text, name text)
    language sql stable security definer set search_path = public, pg_temp
as $$
    select g.tenant_id, t.slug, g.topic, g.name
    from event_groups g join tenants t on t.id = g.tenant_id
    order by g.tenant_id, g.topic, g.name
    limit greatest(p_limit, 0)
$$;

revoke execute on function strata_ops_outbox() from public;
revoke execute on function strata_ops_sessions_active(timestamptz) from public;
revoke execute on function strata_ops_dead_letters() from public;
revoke execute on function strata_ops_groups(integer) from public;
grant execute on function strata_ops_outbox() to "${serving_role}";
grant execute on function strata_ops_sessions_active(timestamptz) to "${serving_role}";
grant execute on function strata_ops_dead_letters() to "${serving_role}";
grant execute on function strata_ops_groups(integer) to "${serving_role}";

-- The alerts the cluster's evaluator has delivered as open, one row per finding key: a restart or another instance
-- taking over the evaluation neither sends an open alert again nor forgets to send its resolution. Operator data,
-- not tenant data (no RLS); written by the evaluator alone, under pg_try_advisory_xact_lock.
create table ops_alerts (
    key      text primary key,
    id       text        not null,
    severity text        not null,
    message  text        not null,
    action   text        not null,
    since    timestamptz not null
);
grant select, insert, update, delete on ops_alerts to "${serving_role}";
