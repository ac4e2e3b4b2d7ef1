-- Flyway runs this after every migrate, whether or not a migration was applied: it re-asserts the
-- privileges narrower than V9's blanket DML, so that a grant made later (a re-provisioned database
-- grants DML on every table) can never leave an append-only table writable by the serving role.
-- Never against the migrating role itself: a start misconfigured with the owner as serving role (which
-- the role guard then refuses) must not take the owner's own rights on the migration history away.
do $$
begin
    if current_user <> '${serving_role}' then
        execute 'revoke update, delete, truncate on secret_audit from "${serving_role}"';
        execute 'revoke update, delete, truncate on admin_audit from "${serving_role}"';
        execute 'revoke update, truncate on conversation_messages from "${serving_role}"';
        execute 'revoke insert, update, delete, truncate on flyway_schema_history from "${serving_role}"';
    end if;
end
$$;
