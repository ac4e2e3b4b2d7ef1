-- Secrets: metadata, sealed versions and the hash-chained audit. Every table follows V1's conventions
-- (tenant_id first in the key, RLS enabled and forced, one tenant_isolation policy). Only ciphertext and
-- wrapped data keys are stored; master keys never reach the database.

-- One row per secret. current_version is what reveal returns by default, latest_version the newest (a
-- PENDING version of a staged rotation when it is ahead of current_version). due_notified_version marks
-- the last version for which secret.rotation_due was claimed, so the job publishes once per due version.
create table secrets (
    tenant_id            uuid        not null references tenants (id) on delete cascade,
    name                 text        not null,
    description          text,
    service              text,
    rotation_period_days integer     not null check (rotation_period_days between 1 and 3650),
    max_versions         integer     not null check (max_versions between 1 and 100),
    current_version      integer     not null check (current_version >= 1),
    latest_version       integer     not null check (latest_version >= current_version),
    created_at           timestamptz not null,
    last_rotated_at      timestamptz not null,
    due_notified_version integer,
    primary key (tenant_id, name)
);

-- The sealed versions. Deleting a row destroys that version's key material (its wrapped data key); deleting
-- the secret deletes every version (crypto-shredding). wrapped_key is nonce || AES-GCM(master key, data key).
create table secret_versions (
    tenant_id   uuid        not null,
    name        text        not null,
    version     integer     not null check (version >= 1),
    state       text        not null check (state in ('current', 'pending', 'previous')),
    key_id      text        not null,
    wrapped_key bytea       not null,
    nonce       bytea       not null,
    ciphertext  bytea       not null,
    created_at  timestamptz not null,
    primary key (tenant_id, name, version),
    foreign key (tenant_id, name) references secrets (tenant_id, name) on delete cascade
);
create unique index secret_versions_one_current on secret_versions (tenant_id, name) where state = 'current';
create unique index secret_versions_one_pending on secret_versions (tenant_id, name) where state = 'pending';
create index secret_versions_by_key on secret_versions (tenant_id, key_id);

-- The audit: one chain per tenant, sequence 1, 2, ... with hash = SHA-256(prev_hash || canonical record).
-- Appends are serialised per tenant (a transaction-scoped advisory lock), so the chain never forks.
-- Records outlive their secret (no foreign key to secrets); they go only with their tenant.
create table secret_audit (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    sequence   bigint      not null check (sequence >= 1),
    actor      text        not null,
    secret     text        not null,
    version    integer     not null,
    action     text        not null check (action in ('create', 'reveal', 'rotate', 'promote', 'delete', 'rewrap')),
    request_id text        not null,
    time       timestamptz not null,
    prev_hash  bytea       not null,
    hash       bytea       not null,
    primary key (tenant_id, sequence)
);
create index secret_audit_by_secret on secret_audit (tenant_id, secret, sequence);

do $$
declare t text;
begin
    foreach t in array array['secrets', 'secret_versions', 'secret_audit'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = strata_current_tenant()) '
                       'with check (tenant_id = strata_current_tenant())', t);
    end loop;
end
$$;

-- V9's default privileges gave the serving role DML on these tables; the audit is append-only for it.
revoke update, delete, truncate on secret_audit from "${serving_role}";
