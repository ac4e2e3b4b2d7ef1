-- Vectors: the one listing of every tenant's collections, for work done at start for all of them (loading each
-- collection's indexes into shared buffers). The catalogue's row-level security is forced, so even its owner
-- sees only the rows of the tenant named by strata.tenant_id; the function visits the tenants one by one with
-- that setting (restoring the caller's afterwards) and answers tenant and name only, at most p_limit rows.
create function strata_vector_collections_everywhere(p_limit integer)
    returns table (tenant_id uuid, name text)
    language plpgsql security definer set search_path = public, pg_temp
as $$
declare
    caller text := coalesce(current_setting('strata.tenant_id', true), '');
    t      uuid;
    remaining integer := greatest(coalesce(p_limit, 0), 0);
    n      integer;
begin
    for t in select id from tenants order by id loop
        exit when remaining <= 0;
        perform set_config('strata.tenant_id', t::text, true);
        return query select c.tenant_id, c.name from vector_collections c
                     where c.tenant_id = t order by c.name collate "C" limit remaining;
        get diagnostics n = row_count;
        remaining := remaining - n;
    end loop;
    perform set_config('strata.tenant_id', caller, true);
end
$$;

revoke execute on function strata_vector_collections_everywhere(integer) from public;
grant execute on function strata_vector_collections_everywhere(integer) to "${serving_role}";
