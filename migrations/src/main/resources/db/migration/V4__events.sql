-- Events: the durable log (outbox) of every tenant's topics, the relay's bookkeeping, consumer-group
-- definitions and dead letters. Every tenant table follows V1's conventions (tenant_id first in the
-- key, RLS enabled and forced, one tenant_isolation policy).

-- One row per topic: its counter. Appending updates last_sequence in the appending transaction, so the
-- row lock serialises the topic's appends and commits happen in sequence order: no gaps, no repeats.
create table event_topics (
    tenant_id     uuid   not null references tenants (id) on delete cascade,
    topic         text   not null,
    last_sequence bigint not null default 0,
    primary key (tenant_id, topic)
);

-- The log itself. data is kept as the exact bytes published.
create table events (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    topic      text        not null,
    sequence   bigint      not null,
    event_id   text        not null,
    source     text        not null,
    type       text        not null,
    subject    text,
    time       timestamptz not null,
    data       bytea       not null,
    primary key (tenant_id, topic, sequence)
);
create index events_by_event_id on events (tenant_id, topic, event_id);
create index events_by_time on events (tenant_id, topic, time);

-- Idempotency keys of publishes, remembered for 24 h (expires_at).
create table event_idempotency (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    topic      text        not null,
    key        text        not null,
    sequence   bigint      not null,
    expires_at timestamptz not null,
    primary key (tenant_id, topic, key)
);

-- How far the relay has moved each topic to the stream. A row apart from event_topics, so that the
-- relay never waits on (or blocks) a publisher's counter lock.
create table event_relay (
    tenant_id        uuid   not null references tenants (id) on delete cascade,
    topic            text   not null,
    relayed_sequence bigint not null default 0,
    primary key (tenant_id, topic)
);

create table event_groups (
    tenant_id   uuid        not null references tenants (id) on delete cascade,
    topic       text        not null,
    name        text        not null,
    start_at    text        not null,
    start_after bigint      not null,
    created_at  timestamptz not null,
    primary key (tenant_id, topic, name)
);

create table event_dead_letters (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    topic      text        not null,
    group_name text        not null,
    sequence   bigint      not null,
    event_id   text        not null,
    source     text        not null,
    type       text        not null,
    subject    text,
    time       timestamptz not null,
    data       bytea       not null,
    deliveries bigint      not null,
    dead_at    timestamptz not null,
    primary key (tenant_id, topic, group_name, sequence)
);

do $$
declare t text;
begin
    foreach t in array array['event_topics', 'events', 'event_idempotency', 'event_relay', 'event_groups',
                             'event_dead_letters'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = strata_current_tenant()) '
                       'with check (tenant_id = strata_current_tenant())', t);
    end loop;
end $$;

-- Routing only, like client_index: which (tenant, topic) pairs have events the relay has not moved yet
-- (up to which sequence). The relay runs for no tenant and cannot see tenant tables; this tells it which
-- tenant to act as next. It holds no event content. A publisher upserts its row in its own transaction;
-- the relay deletes it once it has relayed up_to_sequence.
create table event_relay_queue (
    tenant_id       uuid   not null references tenants (id) on delete cascade,
    topic           text   not null,
    up_to_sequence  bigint not null,
    primary key (tenant_id, topic)
);
