"""Which women a clinic sees, kept as rows (issue 12): one Visibility row per clinic and woman
while she is visible there, with her name and last visit copied for the list's order.

The rule stays that of PatientQuerySet.for_clinic: she is visible to a clinic that registered
her, that a referral of one of her pregnancies is open to, or that has written a consultation
about her. The rows are kept by PostgreSQL triggers on the patient, referral and consultation
tables (like the change history: every writer is caught, a form, a bulk load, raw SQL or a
test factory), which recompute the one (clinic, woman) pair a change touches. A list then
reads the clinic's rows in index order and stops after a page, whatever the size of the
clinic or the database. SQLite (the try-it set-up) has no triggers for it and keeps the scan.
"""

TABLE = "consultations_visibility"

# Recompute one (clinic, woman) pair from the source tables.
REFRESH_FUNCTION = f"""
CREATE OR REPLACE FUNCTION pgp_visibility_refresh(c bigint, p bigint) RETURNS void AS $$
DECLARE
    is_owner boolean;
    is_referred boolean;
    has_written boolean;
    newest_edd date;
BEGIN
    IF c IS NULL OR p IS NULL THEN RETURN; END IF;
    is_owner := EXISTS (SELECT 1 FROM consultations_patient WHERE id = p AND clinic_id = c);
    is_referred := EXISTS (
        SELECT 1 FROM consultations_referral r
        JOIN consultations_pregnancy pr ON pr.id = r.pregnancy_id
        WHERE r.to_clinic_id = c AND pr.patient_id = p AND r.closed_at IS NULL);
    has_written := EXISTS (
        SELECT 1 FROM consultations_consultation WHERE clinic_id = c AND patient_id = p);
    IF is_owner OR is_referred OR has_written THEN
        -- Her newest due date among the episodes this clinic may see (PregnancyQuerySet.
        -- for_clinic): all of them for her own clinic, else those referred to it or written in.
        SELECT max(pr.edd) INTO newest_edd FROM consultations_pregnancy pr
        WHERE pr.patient_id = p AND (is_owner
            OR EXISTS (SELECT 1 FROM consultations_referral r WHERE r.pregnancy_id = pr.id
                       AND r.to_clinic_id = c AND r.closed_at IS NULL)
            OR EXISTS (SELECT 1 FROM consultations_consultation cc WHERE cc.pregnancy_id = pr.id
                       AND cc.clinic_id = c));
        INSERT INTO {TABLE} (clinic_id, patient_id, last_name, first_name, last_seen_at,
                             owner, referred, wrote, current_edd)
        SELECT c, p, last_name, first_name, last_seen_at, is_owner, is_referred, has_written,
               newest_edd
        FROM consultations_patient WHERE id = p
        ON CONFLICT (clinic_id, patient_id) DO UPDATE SET
            owner = EXCLUDED.owner, referred = EXCLUDED.referred, wrote = EXCLUDED.wrote,
            last_name = EXCLUDED.last_name, first_name = EXCLUDED.first_name,
            last_seen_at = EXCLUDED.last_seen_at, current_edd = EXCLUDED.current_edd;
    ELSE
        DELETE FROM {TABLE} WHERE clinic_id = c AND patient_id = p;
    END IF;
END;
$$ LANGUAGE plpgsql;
"""  # nosec B608

TRIGGER_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION pgp_visibility_patient() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.clinic_id IS DISTINCT FROM OLD.clinic_id THEN
        PERFORM pgp_visibility_refresh(NEW.clinic_id, NEW.id);
        IF TG_OP = 'UPDATE' THEN PERFORM pgp_visibility_refresh(OLD.clinic_id, OLD.id); END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.last_name, NEW.first_name, NEW.last_seen_at)
            IS DISTINCT FROM (OLD.last_name, OLD.first_name, OLD.last_seen_at) THEN
        UPDATE {TABLE} SET last_name = NEW.last_name, first_name = NEW.first_name,
                           last_seen_at = NEW.last_seen_at
        WHERE patient_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION pgp_visibility_referral() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pgp_visibility_refresh(OLD.to_clinic_id,
            (SELECT patient_id FROM consultations_pregnancy WHERE id = OLD.pregnancy_id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pgp_visibility_refresh(NEW.to_clinic_id,
            (SELECT patient_id FROM consultations_pregnancy WHERE id = NEW.pregnancy_id));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION pgp_visibility_pregnancy() RETURNS trigger AS $$
DECLARE
    seen record;
BEGIN
    -- A due date added, changed or removed: every clinic that sees her (OLD is NULL on an
    -- INSERT, NEW on a DELETE).
    FOR seen IN SELECT clinic_id, patient_id FROM {TABLE}
                WHERE patient_id IN (NEW.patient_id, OLD.patient_id) LOOP
        PERFORM pgp_visibility_refresh(seen.clinic_id, seen.patient_id);
    END LOOP;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION pgp_visibility_consultation() RETURNS trigger AS $$
BEGIN
    -- Another visit of this episode at this clinic: the clinic has written about her and
    -- sees this episode's due date already, so her row there stays as it is.
    IF TG_OP = 'INSERT' AND EXISTS (
            SELECT 1 FROM consultations_consultation WHERE pregnancy_id = NEW.pregnancy_id
            AND clinic_id = NEW.clinic_id AND id <> NEW.id) THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN PERFORM pgp_visibility_refresh(OLD.clinic_id, OLD.patient_id); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pgp_visibility_refresh(NEW.clinic_id, NEW.patient_id); END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""  # nosec B608

TRIGGERS = [
    "CREATE TRIGGER consultations_patient_visibility AFTER INSERT OR UPDATE ON "
    "consultations_patient FOR EACH ROW "
    "EXECUTE FUNCTION pgp_visibility_patient()",
    "CREATE TRIGGER consultations_referral_visibility AFTER INSERT OR UPDATE OF to_clinic_id, "
    "pregnancy_id, closed_at OR DELETE ON consultations_referral FOR EACH ROW "
    "EXECUTE FUNCTION pgp_visibility_referral()",
    "CREATE TRIGGER consultations_consultation_visibility AFTER INSERT OR DELETE "
    "ON consultations_consultation FOR EACH ROW EXECUTE FUNCTION pgp_visibility_consultation()",
    # Only when a visit really moves (a save that names the columns unchanged does nothing).
    "CREATE TRIGGER consultations_consultation_visibility_moved AFTER UPDATE OF "
    "clinic_id, patient_id, pregnancy_id ON consultations_consultation FOR EACH ROW "
    "WHEN (OLD.clinic_id IS DISTINCT FROM NEW.clinic_id OR OLD.patient_id IS DISTINCT FROM "
    "NEW.patient_id OR OLD.pregnancy_id IS DISTINCT FROM NEW.pregnancy_id) "
    "EXECUTE FUNCTION pgp_visibility_consultation()",
    "CREATE TRIGGER consultations_pregnancy_visibility AFTER INSERT OR DELETE OR UPDATE OF "
    "edd, patient_id ON consultations_pregnancy FOR EACH ROW "
    "EXECUTE FUNCTION pgp_visibility_pregnancy()",
]
TRIGGER_TABLES = {
    "consultations_patient_visibility": "consultations_patient",
    "consultations_referral_visibility": "consultations_referral",
    "consultations_consultation_visibility": "consultations_consultation",
    "consultations_consultation_visibility_moved": "consultations_consultation",
    "consultations_pregnancy_visibility": "consultations_pregnancy",
}

# Every pair at once, from the source tables (the data migration and a bulk load).
FILL = f"""
INSERT INTO {TABLE} (clinic_id, patient_id, last_name, first_name, last_seen_at,
                     owner, referred, wrote)
SELECT v.clinic_id, v.patient_id, p.last_name, p.first_name, p.last_seen_at,
       bool_or(v.why = 'owner'), bool_or(v.why = 'referred'), bool_or(v.why = 'wrote')
FROM (
    SELECT clinic_id, id AS patient_id, 'owner' AS why FROM consultations_patient
    UNION ALL
    SELECT r.to_clinic_id, pr.patient_id, 'referred' FROM consultations_referral r
    JOIN consultations_pregnancy pr ON pr.id = r.pregnancy_id WHERE r.closed_at IS NULL
    UNION ALL
    SELECT DISTINCT clinic_id, patient_id, 'wrote' FROM consultations_consultation
) v JOIN consultations_patient p ON p.id = v.patient_id
GROUP BY v.clinic_id, v.patient_id, p.last_name, p.first_name, p.last_seen_at
ON CONFLICT (clinic_id, patient_id) DO NOTHING
"""  # nosec B608


# Each row's newest visible due date, from the source tables (after FILL; migration 0018).
FILL_EDD = f"""
UPDATE {TABLE} v SET current_edd = newest.edd FROM (
    SELECT v2.id, max(pr.edd) AS edd FROM {TABLE} v2
    JOIN consultations_pregnancy pr ON pr.patient_id = v2.patient_id
    WHERE v2.owner
       OR EXISTS (SELECT 1 FROM consultations_referral r WHERE r.pregnancy_id = pr.id
                  AND r.to_clinic_id = v2.clinic_id AND r.closed_at IS NULL)
       OR EXISTS (SELECT 1 FROM consultations_consultation cc WHERE cc.pregnancy_id = pr.id
                  AND cc.clinic_id = v2.clinic_id)
    GROUP BY v2.id
) newest WHERE newest.id = v.id
"""  # nosec B608


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    install_triggers(apps, schema_editor)
    schema_editor.execute(FILL)


def install_triggers(apps, schema_editor):
    """The functions and triggers, (re)created; the rows are left as they are."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(REFRESH_FUNCTION)
    schema_editor.execute(TRIGGER_FUNCTIONS)
    for name, table in TRIGGER_TABLES.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for statement in TRIGGERS:
        schema_editor.execute(statement)


def fill_due_dates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_EDD)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in TRIGGER_TABLES.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    schema_editor.execute(f"DELETE FROM {TABLE}")  # nosec B608
