-- Operations: each instance's stored traffic interval also says how many threads waited for a Postgres connection on
-- it at that instant, so the cluster's evaluator can tell a pool that stayed exhausted (some waiting at every interval
-- for strata.operations.alerts.pool-waiting-for) from a blip, on whichever instance it happens.

do $$
begin
    if current_user = '${serving_role}' then
        raise exception 'migrations must run as the schema owner, not as the serving role';
    end if;
end $$;

alter table ops_traffic_samples add column pool_waiting integer not null default 0 check (pool_waiting >= 0);
