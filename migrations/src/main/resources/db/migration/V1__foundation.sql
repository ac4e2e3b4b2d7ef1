-- Strata foundation: extensions, tenants, service clients, and the conventions every
-- tenant-scoped table follows:
--   * a tenant_id uuid column (first column of the primary key),
--   * row-level security ENABLED and FORCED (FORCE binds the table owner too),
--   * one policy comparing tenant_id to strata_current_tenant(), which reads the
--     transaction-local setting strata.tenant_id that the Postgres adapter sets with
--     set_config(..., true) (= SET LOCAL) at the start of every transaction.
-- Without the setting a tenant table yields no rows and accepts no writes.

-- pgvector is not a trusted extension: an operator (or scripts/services.sh) creates it as a
-- superuser once; this statement then passes for Strata's unprivileged role.
create extension if not exists vector;

create function strata_current_tenant() returns uuid
    language sql stable parallel safe
as $$ select nullif(current_setting('strata.tenant_id', true), '')::uuid $$;

-- Global registry of tenants (the one kind of row that is not itself tenant-scoped).
create table tenants (
    id         uuid primary key,
    slug       text not null unique,
    created_at timestamptz not null default now()
);

-- Routing only: which tenant a client id belongs to, needed before a token (and so a
-- tenant context) exists. Holds no secret and no scope.
create table client_index (
    client_id text primary key,
    tenant_id uuid not null references tenants (id) on delete cascade
);

create table service_clients (
    tenant_id   uuid        not null references tenants (id) on delete cascade,
    client_id   text        not null,
    name        text        not null,
    scopes      text[]      not null,
    secret_hash text        not null,
    created_at  timestamptz not null,
    primary key (tenant_id, client_id)
);

alter table service_clients enable row level security;
alter table service_clients force row level security;
create policy tenant_isolation on service_clients
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());
