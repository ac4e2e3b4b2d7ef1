-- Events: strata_events_publish answers the sequences it just assigned instead of joining its ids back to the
-- topic's events. That join was planned as a scan of the whole topic's rows per statement (the estimate for one
-- topic's rows is tiny while it grows), so a publish cost time in proportion to the topic's length: a busy topic
-- slowed down as it filled. The new rows' sequences are known (v_last + their rank among the batch's fresh rows,
-- exactly as the insert numbers them); only a replayed key looks its event up, by id, after the numbering (its
-- event may have been committed unnumbered and numbered by this very statement).

do $$
begin
    if current_user = '${serving_role}' then
        raise exception 'migrations must run as the schema owner, not as the serving role';
    end if;
end $$;

create or replace function strata_events_publish(p_tenant uuid, p_topic text, p_ids text[], p_keys text[],
                                                 p_sources text[], p_types text[], p_subjects text[],
                                                 p_micros bigint[], p_data bytea[], p_window interval)
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
    -- fresh rows: the numbers the insert gave them (same order, same filter); replays: their event, by id
    return query
        with u as (
            select x.id, x.fresh, x.n from unnest(v_ids, v_fresh) with ordinality as x(id, fresh, n)
        ), numbered as (
            select u.n, v_last + row_number() over (order by u.n) as sequence from u where u.fresh
        )
        select u.n::integer, u.id,
               case when u.fresh then nb.sequence
                    else (select e.sequence from events e
                          where e.tenant_id = p_tenant and e.topic = p_topic and e.event_id = u.id
                            and e.sequence is not null) end,
               not u.fresh
        from u left join numbered nb on nb.n = u.n
        order by u.n;
end
$$;
