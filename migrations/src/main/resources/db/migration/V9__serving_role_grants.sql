-- Strata's schema belongs to the role that runs these migrations (strata.migrations.username); the role
-- that serves requests (datasources.default.username, Flyway placeholder serving_role) gets DML only.
-- Owning a table would let it ALTER TABLE ... NO FORCE ROW LEVEL SECURITY or drop the table; with DML
-- only, row-level security binds it. Start-up refuses a serving role that owns a table.
--
-- The grants cover every object that exists now (whichever migrations created it), and the default
-- privileges cover every table, sequence and function this role creates in later migrations.

grant usage on schema public to "${serving_role}";
grant select, insert, update, delete on all tables in schema public to "${serving_role}";
grant usage, select on all sequences in schema public to "${serving_role}";
-- row-level security policies call strata_current_tenant(); the serving role must be able to run it
grant execute on all functions in schema public to "${serving_role}";

alter default privileges in schema public grant select, insert, update, delete on tables to "${serving_role}";
alter default privileges in schema public grant usage, select on sequences to "${serving_role}";
alter default privileges in schema public grant execute on functions to "${serving_role}";

-- the migration history is the owner's business alone
do $$
begin
    if to_regclass('flyway_schema_history') is not null then
        execute 'revoke insert, update, delete, truncate on flyway_schema_history from "${serving_role}"';
    end if;
end
$$;
