"""The access log and the change history refuse UPDATE and DELETE in the database itself.

The models already refuse save() on an existing row and delete(); these triggers also stop a
QuerySet.update(), a bulk delete, raw SQL or a cascade, on PostgreSQL and SQLite alike
(issue 6.1 and 6.2: entries can be neither changed nor deleted).

On PostgreSQL a statement trigger also refuses TRUNCATE (issue 11.8), unless the session or
database has the maintenance switch `pgp.allow_truncate = on` set on purpose: the test suite
sets it on its own throwaway database, whose browser tests are reset with TRUNCATE.
"""

APPEND_ONLY_TABLES = ("consultations_accesslogentry", "consultations_historyentry")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION pgp_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: its rows are never changed or deleted', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)  # (its % is PL/pgSQL's, not a placeholder)
    for table in APPEND_ONLY_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION pgp_append_only()"
            )
        elif vendor == "sqlite":
            for operation in ("update", "delete"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_append_only_{operation} BEFORE {operation.upper()} "
                    f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: its rows "
                    "are never changed or deleted'); END"
                )


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in APPEND_ONLY_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            for operation in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_{operation}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS pgp_append_only()")


PG_TRUNCATE_FUNCTION = """
CREATE OR REPLACE FUNCTION pgp_append_only_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('pgp.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only: it is never truncated', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def install_truncate_guard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite has no TRUNCATE; its DELETE is refused by the row triggers
    schema_editor.execute(PG_TRUNCATE_FUNCTION, params=None)
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION pgp_append_only_truncate()"
        )


def uninstall_truncate_guard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS pgp_append_only_truncate()")
