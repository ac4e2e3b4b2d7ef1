-- The admin audit log: one row per dashboard action (cache invalidation, dead-letter replay) — who (the
-- client or user that acted), what, on which target, when, and how it ended. Tenant-scoped under row-level
-- security; append-only for the serving role (afterMigrate.sql re-asserts the revoke after every migrate).
create table admin_audit (
    tenant_id uuid        not null references tenants (id) on delete cascade,
    id        bigint      generated always as identity,
    actor     text        not null check (length(actor) between 1 and 300),
    action    text        not null check (action in ('cache.invalidate-namespace', 'cache.invalidate-tag',
                                                     'events.replay-dead-letter')),
    target    text        not null check (length(target) between 1 and 1000),
    outcome   text        not null check (outcome in ('succeeded', 'failed')),
    detail    text        not null default '' check (length(detail) <= 500),
    time      timestamptz not null,
    primary key (tenant_id, id)
);

alter table admin_audit enable row level security;
alter table admin_audit force row level security;
create policy tenant_isolation on admin_audit
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());

-- V9's default privileges gave the serving role DML on this table; the audit is append-only for it.
revoke update, delete, truncate on admin_audit from "${serving_role}";
