-- Events: no appender holds the topic's counter row across a round trip. An append inside another area's
-- transaction inserts its rows without a sequence (each row gets a global, ever-growing position) and so touches
-- no row any other appender touches; the topic is numbered after that commit by one call of
-- strata_events_sequence (the appender right after its commit, the relay for whatever remains): under the counter
-- row lock, held only for that one statement, it numbers every committed unnumbered row of the topic in position
-- order, bumps the counter and queues the topic for the relay. An HTTP publish is one autocommit statement
-- (strata_events_publish) that numbers what is pending, then inserts its rows already numbered. Readers see
-- numbered rows only, so sequences stay gap-free and unrepeated, and a reader that saw N never later sees a new
-- event <= N.

do $$
begin
    if current_user = '${serving_role}' then
        raise exception 'migrations must run as the schema owner, not as the serving role';
    end if;
end $$;

-- existing rows keep their sequences; they get positions like any row
alter table events add column position bigint generated always as identity;
alter table events drop constraint events_pkey;
alter table events alter column sequence drop not null;
alter table events add constraint events_pkey primary key (tenant_id, topic, position);
create unique index events_by_sequence on events (tenant_id, topic, sequence);
create index events_unsequenced on events (tenant_id, topic, position) where sequence is null;

-- idempotency keys name the first event by its id (its sequence may not exist yet when the key is taken)
alter table event_idempotency add column event_id text;
alter table event_idempotency no force row level security;
update event_idempotency k set event_id = e.event_id
from events e
where e.tenant_id = k.tenant_id and e.topic = k.topic and e.sequence = k.sequence;
delete from event_idempotency where event_id is null;
alter table event_idempotency force row level security;
alter table event_idempotency alter column event_id set not null;
alter table event_idempotency drop column sequence;

-- Numbers the current tenant's committed unsequenced events of p_topic (and, inside an appending
-- transaction, that transaction's own), and answers the sequences of the events named in p_ids. Runs as
-- the caller, under row-level security. Each statement of the function sees what committed before it
-- started, so the rows numbered are exactly those committed before the counter lock was taken.
create function strata_events_sequence(p_topic text, p_ids text[])
    returns table (event_id text, sequence bigint)
    language plpgsql volatile set search_path = public, pg_temp
as $$
#variable_conflict use_column
declare
    v_tenant uuid := strata_current_tenant();
    v_last   bigint;
    v_high   bigint;
begin
    select t.last_sequence into v_last from event_topics t
    where t.tenant_id = v_tenant and t.topic = p_topic for update;
    if not found then
        insert into event_topics (tenant_id, topic) values (v_tenant, p_topic) on conflict do nothing;
        select t.last_sequence into v_last from event_topics t
        where t.tenant_id = v_tenant and t.topic = p_topic for update;
    end if;
    with numbered as (
        select u.position, v_last + row_number() over (order by u.position) as next_sequence
        from events u
        where u.tenant_id = v_tenant and u.topic = p_topic and u.sequence is null
    ), assigned as (
        update events e set sequence = n.next_sequence
        from numbered n
        where e.tenant_id = v_tenant and e.topic = p_topic and e.position = n.position
        returning n.next_sequence
    )
    select max(a.next_sequence) into v_high from assigned a;
    if v_high is not null then
        update event_topics t set last_sequence = v_high where t.tenant_id = v_tenant and t.topic = p_topic;
        insert into event_relay_queue (tenant_id, topic, up_to_sequence) values (v_tenant, p_topic, v_high)
        on conflict (tenant_id, topic) do update
            set up_to_sequence = greatest(event_relay_queue.up_to_sequence, excluded.up_to_sequence);
    end if;
    if p_ids is not null and cardinality(p_ids) > 0 then
        return query select e.event_id, e.sequence from events e
                     where e.tenant_id = v_tenant and e.topic = p_topic and e.event_id = any (p_ids)
                       and e.sequence is not null;
    end if;
end
$$;

-- strata_events_sequence for p_tenant, on a connection in autocommit mode (the one statement is its own
-- transaction, so the tenant setting and the counter row lock end with it, without a round trip between).
-- The serving role alone calls it, as it may scope any transaction to any tenant.
create function strata_events_sequence_as(p_tenant uuid, p_topic text)
    returns bigint
    language plpgsql volatile set search_path = public, pg_temp
as $$
begin
    perform set_config('strata.tenant_id', p_tenant::text, true);
    perform strata_events_sequence(p_topic, null);
    return (select t.last_sequence from event_topics t where t.tenant_id = p_tenant and t.topic = p_topic);
end
$$;

-- A publish in one statement, on a connection in autocommit mode: takes the idempotency keys (a key held by
-- another open transaction waits for it; a live key replays its event instead of appending), locks the counter
-- row and numbers any committed unnumbered rows, then inserts the new events already numbered, in array order.
-- The counter row is locked from there to the commit that ends this statement, with no round trip in between.
-- Answers, per array index, the event id that stands for it, its sequence and whether it is a replay.
create function strata_events_publish(p_tenant uuid, p_topic text, p_ids text[], p_keys text[], p_sources text[],
                                      p_types text[], p_subjects text[], p_micros bigint[], p_data bytea[],
                                      p_window interval)
    returns table (ord integer, out_event_id text, out_sequence bigint, out_replayed boolean)
    language plpgsql volatile set search_path = public, pg_temp
as $$
#variable_conflict use_column
declare
    v_ids    text[] := p_ids;
    v_fresh  boolean[] := array_fill(true, array[coalesce(cardinality(p_ids), 0)]);
    v_holder text;
    v_last   bigint;
    v_count  bigint;
begin
    perform set_config('strata.tenant_id', p_tenant::text, true);
    for i in 1 .. coalesce(cardinality(p_ids), 0) loop
        if p_keys[i] is not null then
            v_holder := null;
            insert into event_idempotency as k (tenant_id, topic, key, event_id, expires_at)
            values (p_tenant, p_topic, p_keys[i], p_ids[i], now() + p_window)
            on conflict (tenant_id, topic, key) do update set event_id = excluded.event_id,
                                                              expires_at = excluded.expires_at
                where k.expires_at <= now()
            returning k.event_id into v_holder;
            if v_holder is null then
                select k.event_id into v_holder from event_idempotency k
                where k.tenant_id = p_tenant and k.topic = p_topic and k.key = p_keys[i];
                v_ids[i] := v_holder;
                v_fresh[i] := false;
            end if;
        end if;
    end loop;
    -- the counter row, locked to this statement's commit; committed unnumbered rows first (they came before)
    perform strata_events_sequence(p_topic, null);
    select t.last_sequence into v_last from event_topics t where t.tenant_id = p_tenant and t.topic = p_topic;
    -- this batch goes in numbered: each row is written once
    insert into events (tenant_id, topic, sequence, event_id, source, type, subject, time, data)
    select p_tenant, p_topic, v_last + row_number() over (order by u.n), u.id, u.source, u.type, u.subject,
           timestamptz 'epoch' + u.micros * interval '1 microsecond', u.data
    from unnest(p_ids, p_sources, p_types, p_subjects, p_micros, p_data, v_fresh)
         with ordinality as u(id, source, type, subject, micros, data, fresh, n)
    where u.fresh;
    get diagnostics v_count = row_count;
    if v_count > 0 then
        update event_topics t set last_sequence = v_last + v_count where t.tenant_id = p_tenant and t.topic = p_topic;
        insert into event_relay_queue (tenant_id, topic, up_to_sequence) values (p_tenant, p_topic, v_last + v_count)
        on conflict (tenant_id, topic) do update
            set up_to_sequence = greatest(event_relay_queue.up_to_sequence, excluded.up_to_sequence);
    end if;
    return query
        select u.n::integer, u.id, e.sequence, not u.fresh
        from unnest(v_ids, v_fresh) with ordinality as u(id, fresh, n)
        left join events e on e.tenant_id = p_tenant and e.topic = p_topic and e.event_id = u.id
                          and e.sequence is not null
        order by u.n;
end
$$;

-- The relay runs for no tenant: this tells it which (tenant, topic) pairs hold committed events without a
-- sequence yet (an append inside another area's transaction, a publisher that stopped after its commit),
-- and nothing else. It runs as the migrating role, which gets a SELECT-only policy on events for it.
create policy sequencing_read on events for select to current_user using (true);

create function strata_events_unsequenced_topics(p_limit integer)
    returns table (tenant_id uuid, topic text)
    language sql stable security definer set search_path = public, pg_temp
as $$
    select distinct u.tenant_id, u.topic
    from (select e.tenant_id, e.topic from events e where e.sequence is null
          limit greatest(p_limit, 0) * 10) u
    limit greatest(p_limit, 0)
$$;

revoke execute on function strata_events_unsequenced_topics(integer) from public;
grant execute on function strata_events_unsequenced_topics(integer) to "${serving_role}";
grant execute on function strata_events_sequence(text, text[]) to "${serving_role}";
grant execute on function strata_events_sequence_as(uuid, text) to "${serving_role}";
grant execute on function strata_events_publish(uuid, text, text[], text[], text[], text[], text[], bigint[], bytea[],
    interval) to "${serving_role}";
