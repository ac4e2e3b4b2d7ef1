-- Tiered cache, L3: durable cache entries and namespace settings. Both tables follow the tenant
-- conventions of V1 (tenant_id first in the primary key, RLS enabled and forced).

-- Keys may hold any character, NUL included, which text cannot store: the key is its UTF-8 bytes.
-- Values are the client's JSON bytes, returned exactly as stored.
create table cache_entries (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    namespace  text        not null,
    key        bytea       not null,
    value      bytea       not null,
    etag       text        not null,
    tags       text[]      not null default '{}',
    expires_at timestamptz not null,
    primary key (tenant_id, namespace, key)
);

-- tag invalidation finds its rows through this index, never by scanning the table
create index cache_entries_tags on cache_entries using gin (tags);
-- the purge job deletes expired rows in batches, oldest first
create index cache_entries_expiry on cache_entries (tenant_id, expires_at);

alter table cache_entries enable row level security;
alter table cache_entries force row level security;
create policy tenant_isolation on cache_entries
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());

create table cache_namespaces (
    tenant_id           uuid        not null references tenants (id) on delete cascade,
    namespace           text        not null,
    default_ttl_seconds bigint      not null,
    durable             boolean     not null,
    l1_enabled          boolean     not null,
    l1_max_entries      integer     not null,
    l1_ttl_seconds      bigint      not null,
    updated_at          timestamptz not null default now(),
    primary key (tenant_id, namespace)
);

alter table cache_namespaces enable row level security;
alter table cache_namespaces force row level security;
create policy tenant_isolation on cache_namespaces
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());
