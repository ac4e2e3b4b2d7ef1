-- Per-tenant quotas: the cache namespaces each tenant has brought into use (configured or first
-- written), counted against strata.quotas.namespaces. Reads never add a row; a write adds one the
-- first time an instance sees the namespace. Topics, groups and rate-limit policies are counted in
-- their own tables. Namespaces in use before this table existed enter it on their next write
-- or configuration (row-level security hides other tenants' rows from a backfill here).
create table cache_namespace_registry (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    namespace  text        not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, namespace)
);

alter table cache_namespace_registry enable row level security;
alter table cache_namespace_registry force row level security;
create policy tenant_isolation on cache_namespace_registry
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());
