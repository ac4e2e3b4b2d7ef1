-- Vectors: a catalogue of every tenant's collections, and one table per collection for its items.
--
-- A collection's items need a column typed vector(n) or halfvec(n) with the collection's own dimension,
-- and an HNSW or IVFFlat index whose operator class follows its metric: one shared table cannot hold
-- them. So each collection gets a table of its own, vector_items_<id>, created when the collection is
-- defined. The serving role may not run DDL (it has DML only, see V9), so the tables are created and
-- dropped by the SECURITY DEFINER functions below, owned by the migrating role. They take nothing but a
-- catalogue id, read the row under row-level security (so only the calling tenant's own collections),
-- check every value again, and build all names and types from that row and fixed text.

-- Versions of all collections come from one sequence: they grow with every write and are never reused,
-- not even by a collection deleted and defined again under the same name.
create sequence vector_collection_versions;

create table vector_collections (
    tenant_id            uuid        not null references tenants (id) on delete cascade,
    name                 text        not null,
    id                   bigint      not null generated always as identity unique,
    dimension            integer     not null check (dimension between 1 and 16000),
    metric               text        not null check (metric in ('cosine', 'l2', 'inner_product')),
    index_type           text        not null check (index_type in ('hnsw', 'ivfflat', 'none')),
    hnsw_m               integer     check (hnsw_m between 2 and 100),
    hnsw_ef_construction integer     check (hnsw_ef_construction between 4 and 1000),
    ivfflat_lists        integer     check (ivfflat_lists between 1 and 32768),
    storage              text        not null check (storage in ('vector', 'halfvec')),
    item_count           bigint      not null default 0 check (item_count >= 0),
    version              bigint      not null default nextval('vector_collection_versions'),
    created_at           timestamptz not null default now(),
    primary key (tenant_id, name),
    check ((index_type = 'hnsw') = (hnsw_m is not null and hnsw_ef_construction is not null)),
    check ((index_type = 'ivfflat') = (ivfflat_lists is not null)),
    check (storage = case when dimension > 2000 then 'halfvec' else 'vector' end),
    check (index_type = 'none' or dimension <= 4000)
);

alter table vector_collections enable row level security;
alter table vector_collections force row level security;
create policy tenant_isolation on vector_collections
    using (tenant_id = strata_current_tenant())
    with check (tenant_id = strata_current_tenant());

-- Creates the items table of the calling tenant's collection p_id: id, embedding, metadata (jsonb), content
-- and its generated tsvector; the vector index the catalogue asks for, a GIN index on metadata
-- (jsonb_path_ops, serving @> containment) and one on the tsvector; row-level security bound to the
-- collection's tenant (a constant per table, so it costs nothing per row and keeps the index order usable).
create function strata_vector_collection_create(p_id bigint) returns text
    language plpgsql security definer set search_path = public, pg_temp
as $$
declare
    c         vector_collections%rowtype;
    tbl       text := 'vector_items_' || p_id;
    col_type  text;
    ops       text;
begin
    select * into c from vector_collections where id = p_id and tenant_id = strata_current_tenant();
    if not found then
        raise exception 'vector collection % not found', p_id using errcode = 'P0002';
    end if;
    if c.dimension not between 1 and 16000
       or c.storage is distinct from (case when c.dimension > 2000 then 'halfvec' else 'vector' end)
       or (c.index_type <> 'none' and c.dimension > 4000) then
        raise exception 'invalid vector collection %', p_id using errcode = '22023';
    end if;
    col_type := case c.storage when 'vector' then 'vector' when 'halfvec' then 'halfvec' end;
    ops := col_type || case c.metric when 'cosine' then '_cosine_ops' when 'l2' then '_l2_ops'
                                     when 'inner_product' then '_ip_ops' end;
    if ops is null then
        raise exception 'invalid vector collection %', p_id using errcode = '22023';
    end if;
    execute format('create table %I (
                        id          text primary key,
                        embedding   %s(%s) not null,
                        metadata    jsonb not null default ''{}'',
                        content     text,
                        content_tsv tsvector generated always as (to_tsvector(''simple'', coalesce(content, ''''))) stored
                    )', tbl, col_type, c.dimension::integer);
    execute format('alter table %I enable row level security', tbl);
    execute format('alter table %I force row level security', tbl);
    execute format('create policy tenant_isolation on %I using (strata_current_tenant() = %L::uuid)'
                   ' with check (strata_current_tenant() = %L::uuid)', tbl, c.tenant_id, c.tenant_id);
    if c.index_type = 'hnsw' then
        execute format('create index %I on %I using hnsw (embedding %s) with (m = %s, ef_construction = %s)',
                       tbl || '_embedding', tbl, ops, c.hnsw_m::integer, c.hnsw_ef_construction::integer);
    elsif c.index_type = 'ivfflat' then
        execute format('create index %I on %I using ivfflat (embedding %s) with (lists = %s)',
                       tbl || '_embedding', tbl, ops, c.ivfflat_lists::integer);
    end if;
    execute format('create index %I on %I using gin (metadata jsonb_path_ops)', tbl || '_metadata', tbl);
    execute format('create index %I on %I using gin (content_tsv)', tbl || '_content', tbl);
    execute format('grant select, insert, update, delete on %I to %I', tbl, '${serving_role}');
    return tbl;
end
$$;

-- Deletes the calling tenant's collection p_name from the catalogue and drops its items table; false when
-- the tenant has no such collection.
create function strata_vector_collection_drop(p_name text) returns boolean
    language plpgsql security definer set search_path = public, pg_temp
as $$
declare
    dropped bigint;
begin
    delete from vector_collections where tenant_id = strata_current_tenant() and name = p_name returning id into dropped;
    if dropped is null then
        return false;
    end if;
    execute format('drop table if exists %I', 'vector_items_' || dropped);
    return true;
end
$$;

-- Loads the items table of the calling tenant's collection p_id and its indexes into shared buffers with
-- pg_prewarm; answers the number of blocks read, or null when pg_prewarm is not installed (it is not a
-- trusted extension: the services script, or an operator, creates it as a superuser).
create function strata_vector_collection_prewarm(p_id bigint) returns bigint
    language plpgsql security definer set search_path = public, pg_temp
as $$
declare
    tbl    regclass;
    idx    regclass;
    blocks bigint := 0;
    n      bigint;
begin
    if not exists (select from vector_collections where id = p_id and tenant_id = strata_current_tenant()) then
        raise exception 'vector collection % not found', p_id using errcode = 'P0002';
    end if;
    if not exists (select from pg_extension where extname = 'pg_prewarm') then
        return null;
    end if;
    tbl := to_regclass('vector_items_' || p_id);
    if tbl is null then
        return 0;
    end if;
    for idx in select indexrelid::regclass from pg_index where indrelid = tbl loop
        execute 'select pg_prewarm($1)' into n using idx;
        blocks := blocks + n;
    end loop;
    execute 'select pg_prewarm($1)' into n using tbl;
    return blocks + n;
end
$$;

-- Security definer functions are executable by everyone unless revoked: only the serving role calls them.
revoke execute on function strata_vector_collection_create(bigint) from public;
revoke execute on function strata_vector_collection_drop(text) from public;
revoke execute on function strata_vector_collection_prewarm(bigint) from public;
grant execute on function strata_vector_collection_create(bigint) to "${serving_role}";
grant execute on function strata_vector_collection_drop(text) to "${serving_role}";
grant execute on function strata_vector_collection_prewarm(bigint) to "${serving_role}";
grant usage, select on sequence vector_collection_versions to "${serving_role}";
grant select, insert, update, delete on vector_collections to "${serving_role}";
