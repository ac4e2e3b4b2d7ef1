-- Operations: the count of alert evaluations (below), and every instance's traffic, interval by interval, for the cluster's traffic alerts (cache hit rate,
-- HTTP 5xx rate, p95 latency over a sliding window). Each instance sees only its own requests; the evaluator sums
-- the intervals of all instances. Operator data, not tenant data (no RLS): counts and a latency histogram, never a
-- route, a tenant or a caller.

do $$
begin
    if current_user = '${serving_role}' then
        raise exception 'migrations must run as the schema owner, not as the serving role';
    end if;
end $$;

create table ops_traffic_samples (
    instance       text             not null,
    ended_at       timestamptz      not null,
    requests       bigint           not null check (requests >= 0),
    errors_5xx     bigint           not null check (errors_5xx >= 0),
    -- requests of the routes that answer at once (long polls left out), and how many of them answered at or below
    -- each bound (ms), as a cumulative histogram holds them; same length, bounds ascending
    timed          bigint           not null check (timed >= 0),
    latency_bounds double precision[] not null,
    latency_counts bigint[]         not null,
    l1_hits        bigint           not null,
    l1_misses      bigint           not null,
    l2_hits        bigint           not null,
    l2_misses      bigint           not null,
    l3_hits        bigint           not null,
    l3_misses      bigint           not null,
    primary key (instance, ended_at),
    check (cardinality(latency_bounds) = cardinality(latency_counts))
);
create index ops_traffic_samples_by_time on ops_traffic_samples (ended_at);

grant select, insert, delete on ops_traffic_samples to "${serving_role}";

-- The count of alert evaluations stored: an evaluation that judged before the last stored one is refused, so
-- findings computed earlier never undo a later evaluation's changes. One row, written under the ledger's lock.
create table ops_alert_rounds (
    id    boolean primary key default true check (id),
    round bigint  not null check (round >= 0)
);
grant select, insert, update on ops_alert_rounds to "${serving_role}";
