"""Change history by database triggers, for PostgreSQL and SQLite alike.

After adding or changing a column of a tracked model, add a migration that runs install()
again (SQLite triggers list the columns; PostgreSQL's take the whole row).

Every insert, update and delete on the clinical tables writes a HistoryEntry with the values
before and after, the acting user and the time, whatever wrote the row: a form, a bulk
QuerySet.update(), raw SQL or a cascade. The acting user comes from the request: a session
setting on PostgreSQL, a one-row table on SQLite (see ActorMiddleware).
"""

from django.db import connection
from django.utils.translation import gettext_lazy as _

HISTORY_TABLE = "consultations_historyentry"
ACTOR_TABLE = "consultations_historyactor"
# table → how to find the woman it belongs to
TRACKED = {
    "consultations_patient": "self",
    "consultations_pregnancy": "column",
    "consultations_consultation": "column",
    "consultations_referral": "pregnancy",
    "consultations_amendment": "consultation",
    "assessments_pelvictestresult": "consultation",
    "assessments_painscore": "consultation",
    "assessments_redflaganswer": "consultation",
    "assessments_questionnaireresponse": "consultation",
    "education_programmeitem": "consultation",
    "portal_questionnairelink": "pregnancy",
    "portal_patientreport": "pregnancy",
}

# Identifiers in the SQL below come from TRACKED and the models' own metadata, never from
# user input, hence the "nosec B608" marks for bandit.
TABLE_LABELS = {
    "consultations_patient": _("Patient"), "consultations_pregnancy": _("Pregnancy"),
    "consultations_consultation": _("Consultation"), "consultations_referral": _("Referral"),
    "consultations_amendment": _("Amendment"), "assessments_pelvictestresult": _("Pelvic test"),
    "assessments_painscore": _("Pain score"), "assessments_redflaganswer": _("Red flag"),
    "assessments_questionnaireresponse": _("Questionnaire"),
    "education_programmeitem": _("Programme exercise"),
    "portal_questionnairelink": _("Questionnaire link"),
    "portal_patientreport": _("Answers sent by her"),
}

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION pgp_history() RETURNS trigger AS $$
DECLARE
    row_data jsonb;
    owner bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
    owner := CASE TG_ARGV[0]
        WHEN 'self' THEN (row_data->>'id')::bigint
        WHEN 'column' THEN (row_data->>'patient_id')::bigint
        WHEN 'pregnancy' THEN (SELECT patient_id FROM consultations_pregnancy
                               WHERE id = (row_data->>'pregnancy_id')::bigint)
        WHEN 'consultation' THEN (SELECT patient_id FROM consultations_consultation
                                  WHERE id = (row_data->>'consultation_id')::bigint)
    END;
    INSERT INTO {HISTORY_TABLE}
        (table_name, row_id, operation, old_values, new_values, actor_id, patient_id, changed_at)
    VALUES (TG_TABLE_NAME, (row_data->>'id')::bigint, lower(TG_OP),
            CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
            CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
            NULLIF(current_setting('pgp.actor', true), '')::bigint, owner, now());
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""  # nosec B608


# A consultation's parts are written many rows to a statement (a new visit's ~21 red-flag
# answers in one INSERT): their history is written once per statement from its transition
# tables, the same rows in the same order as a trigger per row (which cost ~2.5 ms of
# PostgreSQL's time for those 21 rows against ~0.5 ms; docs/performance.md).
STATEMENT_LEVEL = {table for table, mode in TRACKED.items() if mode == "consultation"}
PG_ROWS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION pgp_history_rows() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {HISTORY_TABLE}
            (table_name, row_id, operation, old_values, new_values, actor_id, patient_id,
             changed_at)
        SELECT TG_TABLE_NAME, n.id, 'insert', NULL, to_jsonb(n),
               NULLIF(current_setting('pgp.actor', true), '')::bigint,
               (SELECT patient_id FROM consultations_consultation WHERE id = n.consultation_id),
               now()
        FROM new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO {HISTORY_TABLE}
            (table_name, row_id, operation, old_values, new_values, actor_id, patient_id,
             changed_at)
        SELECT TG_TABLE_NAME, n.id, 'update',
               (SELECT to_jsonb(o) FROM old_rows o WHERE o.id = n.id), to_jsonb(n),
               NULLIF(current_setting('pgp.actor', true), '')::bigint,
               (SELECT patient_id FROM consultations_consultation WHERE id = n.consultation_id),
               now()
        FROM new_rows n;
    ELSE
        INSERT INTO {HISTORY_TABLE}
            (table_name, row_id, operation, old_values, new_values, actor_id, patient_id,
             changed_at)
        SELECT TG_TABLE_NAME, o.id, 'delete', to_jsonb(o), NULL,
               NULLIF(current_setting('pgp.actor', true), '')::bigint,
               (SELECT patient_id FROM consultations_consultation WHERE id = o.consultation_id),
               now()
        FROM old_rows o;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""  # nosec B608
# PostgreSQL allows transition tables only on a trigger for one event.
PG_STATEMENT_TRIGGERS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
}


def pg_trigger_names(table):
    """The names of a tracked table's history triggers on PostgreSQL."""
    if table in STATEMENT_LEVEL:
        return [f"{table}_history_{operation}" for operation in PG_STATEMENT_TRIGGERS]
    return [f"{table}_history"]


def _drop_pg_triggers(schema_editor, table):
    for name in (f"{table}_history", *(f"{table}_history_{op}" for op in PG_STATEMENT_TRIGGERS)):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")


def _sqlite_owner(table, mode, row):
    return {
        "self": f"{row}.id",
        "column": f"{row}.patient_id",
        "pregnancy": f"(SELECT patient_id FROM consultations_pregnancy "  # nosec B608
                     f"WHERE id = {row}.pregnancy_id)",
        "consultation": (f"(SELECT patient_id FROM consultations_consultation "  # nosec B608
                         f"WHERE id = {row}.consultation_id)"),
    }[mode]


def _sqlite_json(columns, row):
    """json_object over the columns; chunks merged with json_patch (SQLite allows at most
    127 arguments to a function)."""
    chunks = [columns[i:i + 50] for i in range(0, len(columns), 50)]
    objects = ["json_object(" + ", ".join(f"'{c}', {row}.\"{c}\"" for c in chunk) + ")"
               for chunk in chunks]
    merged = objects[0]
    for extra in objects[1:]:
        merged = f"json_patch({merged}, {extra})"
    return merged


def sqlite_triggers(table, mode, columns):
    statements = []
    for operation, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
        old = _sqlite_json(columns, "OLD") if operation != "insert" else "NULL"
        new = _sqlite_json(columns, "NEW") if operation != "delete" else "NULL"
        statements.append(f"""
CREATE TRIGGER IF NOT EXISTS {table}_history_{operation} AFTER {operation.upper()} ON {table}
BEGIN
    INSERT INTO {HISTORY_TABLE}
        (table_name, row_id, operation, old_values, new_values, actor_id, patient_id, changed_at)
    VALUES ('{table}', {row}.id, '{operation}', {old}, {new},
            (SELECT user_id FROM {ACTOR_TABLE} WHERE id = 1), {_sqlite_owner(table, mode, row)},
            strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;""")  # nosec B608
    return statements


def install(apps, schema_editor):
    """Create the triggers for the tables as they are at this migration."""
    vendor = schema_editor.connection.vendor
    models = {m._meta.db_table: m for m in apps.get_models()}
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        schema_editor.execute(PG_ROWS_FUNCTION)
        for table, mode in TRACKED.items():
            if table not in models:
                continue
            _drop_pg_triggers(schema_editor, table)
            if table not in STATEMENT_LEVEL:
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_history AFTER INSERT OR UPDATE OR DELETE ON "
                    f"{table} FOR EACH ROW EXECUTE FUNCTION pgp_history('{mode}')"
                )
                continue
            for operation, referencing in PG_STATEMENT_TRIGGERS.items():
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_history_{operation} AFTER {operation.upper()} ON "
                    f"{table} {referencing} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION pgp_history_rows()"
                )
    elif vendor == "sqlite":
        schema_editor.execute(f"INSERT OR IGNORE INTO {ACTOR_TABLE} (id, user_id) VALUES (1, NULL)")
        for table, mode in TRACKED.items():
            if table not in models:
                continue
            columns = [f.column for f in models[table]._meta.concrete_fields]
            for operation in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_history_{operation}")
            for statement in sqlite_triggers(table, mode, columns):
                schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TRACKED:
        if vendor == "postgresql":
            _drop_pg_triggers(schema_editor, table)
        elif vendor == "sqlite":
            for operation in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_history_{operation}")


def set_actor(user_id):
    """Name the user whose request writes now (None: nobody, e.g. a management command)."""
    value = "" if user_id is None else str(int(user_id))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('pgp.actor', %s, false)", [value])
        elif connection.vendor == "sqlite":
            cursor.execute(f"UPDATE {ACTOR_TABLE} SET user_id = %s WHERE id = 1",  # nosec B608
                           [user_id])


class ActorMiddleware:
    """Around a request that may write (not GET/HEAD), tell the history triggers who acts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        if not (writes and request.user.is_authenticated):
            return self.get_response(request)
        set_actor(request.user.pk)
        try:
            return self.get_response(request)
        finally:
            set_actor(None)
