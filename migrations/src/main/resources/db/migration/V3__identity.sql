-- Identity, sessions and rate limits: end users, the durable copy of sessions, refresh tokens,
-- password resets, the lockout ledger and per-tenant rate-limit policies. Every table follows the
-- V1 conventions (tenant_id first in the primary key, RLS enabled and forced, one tenant policy).
-- Tokens are stored as SHA-256 hashes only; passwords as Argon2id hashes.

create table users (
    tenant_id     uuid        not null references tenants (id) on delete cascade,
    user_id       text        not null,
    email         text        not null,   -- normalised to lower case by the application
    password_hash text        not null,
    created_at    timestamptz not null,
    primary key (tenant_id, user_id),
    unique (tenant_id, email)
);

create table sessions (
    tenant_id    uuid        not null references tenants (id) on delete cascade,
    session_id   text        not null,
    user_id      text        not null,
    data         bytea       not null,    -- the JSON document exactly as given
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    last_seen_at timestamptz not null,
    primary key (tenant_id, session_id)
);
create index sessions_by_user on sessions (tenant_id, user_id, session_id);
create index sessions_by_expiry on sessions (expires_at);

create table refresh_tokens (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    token_hash text        not null,
    session_id text        not null,
    user_id    text        not null,
    expires_at timestamptz not null,
    spent_at   timestamptz,
    primary key (tenant_id, token_hash)
);
create index refresh_tokens_by_session on refresh_tokens (tenant_id, session_id);
create index refresh_tokens_by_expiry on refresh_tokens (expires_at);

create table password_resets (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    token_hash text        not null,
    user_id    text        not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    primary key (tenant_id, token_hash)
);
create index password_resets_by_expiry on password_resets (expires_at);

-- One row per account key (a normalised email, whether or not such a user exists).
create table login_lockouts (
    tenant_id         uuid        not null references tenants (id) on delete cascade,
    account           text        not null,
    attempts          integer     not null,
    failures          integer     not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz,
    primary key (tenant_id, account)
);

create table rate_limit_policies (
    tenant_id      uuid        not null references tenants (id) on delete cascade,
    name           text        not null,
    max_units      integer     not null,
    window_seconds integer     not null,
    algorithm      text        not null,
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, name)
);

alter table users enable row level security;
alter table users force row level security;
create policy tenant_isolation on users
    using (tenant_id = strata_current_tenant()) with check (tenant_id = strata_current_tenant());

alter table sessions enable row level security;
alter table sessions force row level security;
create policy tenant_isolation on sessions
    using (tenant_id = strata_current_tenant()) with check (tenant_id = strata_current_tenant());

alter table refresh_tokens enable row level security;
alter table refresh_tokens force row level security;
create policy tenant_isolation on refresh_tokens
    using (tenant_id = strata_current_tenant()) with check (tenant_id = strata_current_tenant());

alter table password_resets enable row level security;
alter table password_resets force row level security;
create policy tenant_isolation on password_resets
    using (tenant_id = strata_current_tenant()) with check (tenant_id = strata_current_tenant());

alter table login_lockouts enable row level security;
alter table login_lockouts force row level security;
create policy tenant_isolation on login_lockouts
    using (tenant_id = strata_current_tenant()) with check (tenant_id = strata_current_tenant());

alter table rate_limit_policies enable row level security;
alter table rate_limit_policies force row level security;
create policy tenant_isolation on rate_limit_policies
    using (tenant_id = strata_current_tenant()) with check (tenant_id = strata_current_tenant());
