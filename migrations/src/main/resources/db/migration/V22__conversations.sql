-- Conversations: an end user's chats and their ordered, immutable messages. Postgres is the truth;
-- Redis only caches. Both tables follow V1's conventions (tenant_id first in the key, RLS enabled and
-- forced, one tenant_isolation policy).

-- One row per conversation. last_sequence is the message counter: appending updates it in the
-- appending transaction, so the row lock serialises a conversation's appends (no gaps, no repeats).
-- user_id is the owner's user id as tokens carry it (no foreign key: users may live elsewhere).
create table conversations (
    tenant_id        uuid        not null references tenants (id) on delete cascade,
    id               uuid        not null,
    user_id          text        not null,
    title            text        not null,
    created_at       timestamptz not null,
    last_activity_at timestamptz not null,
    last_sequence    bigint      not null default 0,
    primary key (tenant_id, id)
);
-- a user's recent conversations, latest activity first, ties by id (keyset pagination)
create index conversations_recent on conversations (tenant_id, user_id, last_activity_at desc, id);

-- Messages are never changed: the serving role may insert, read and delete them (deleting a
-- conversation cascades), never update. metadata is json (not jsonb) so that it is kept as the exact
-- text the client sent. client_message_id makes a client's retry store nothing new.
create table conversation_messages (
    tenant_id         uuid        not null,
    conversation_id   uuid        not null,
    sequence          bigint      not null,
    id                uuid        not null,
    client_message_id text,
    role              text        not null check (role in ('user', 'assistant', 'system', 'tool')),
    content           text        not null,
    metadata          json        not null,
    created_at        timestamptz not null,
    search            tsvector    generated always as (to_tsvector('simple', content)) stored,
    primary key (tenant_id, conversation_id, sequence),
    foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete cascade,
    unique (tenant_id, conversation_id, client_message_id)
);
-- pages newest first ("before X") are a backward scan of the primary key: no second index needed
create index conversation_messages_search on conversation_messages using gin (search);

alter table conversations enable row level security;
alter table conversations force row level security;
create policy tenant_isolation on conversations
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());

alter table conversation_messages enable row level security;
alter table conversation_messages force row level security;
create policy tenant_isolation on conversation_messages
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());

-- V9's default privileges gave the serving role DML on both tables; messages are immutable
grant select, insert, update, delete on conversations to "${serving_role}";
grant select, insert, delete on conversation_messages to "${serving_role}";
revoke update, truncate on conversation_messages from "${serving_role}";
