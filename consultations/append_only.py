"""The access log and the change history refuse UPDATE and DELETE in the database itself.

The models already refuse save() on an existing row and delete(); these triggers also stop a
QuerySet.update(), a bulk delete, raw SQL or a cascade, on PostgreSQL and SQLite alike
(issue 6.1 and 6.2: entries can be neither changed nor deleted).
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
