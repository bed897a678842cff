"""Fill an empty PostgreSQL database with a region's worth of data for `make bench-load`.

A benchmark tool, never run against a real database: it refuses when patients exist. The
spread (issue 12): many general practices and physiotherapy clinics, one large practice with
about 5.8 % of the women and 5.2 % of the visits (20k women and 52k visits at a million
consultations), about 2.9 visits per woman, three in ten women referred on to a
physiotherapy clinic, referrals closed after the birth, 2.5 % of visits unsigned drafts, two
pain scores a visit, a follow-up date on half the last visits.

Women are written by COPY (each CPR number encrypted as the app does); everything else by
INSERT … SELECT over generate_series in the server. The change-history triggers are off
during the bulk load (a restore would do the same) and their cost is measured honestly on a
sample afterwards: the same visits inserted with and without them, then rolled back.
"""

import random
import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from consultations import cpr_crypto, visibility, worklist
from consultations.history import TRACKED, pg_trigger_names
from consultations.models import Consultation, Patient

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
BENCH_PASSWORD = "bench-load-password-2026"  # noqa: S105 (benchmark users only)
BIG_CLINIC = "Bench Lægehus Stor"
FIRST_NAMES = ("Anna Sofie Emma Ida Freja Clara Laura Maja Karla Ella Josefine Alma Olivia "
               "Agnes Mathilde Nora Signe Cecilie Julie Marie Camilla Louise Sara Line Mette "
               "Hanne Helle Trine Pernille Rikke Maria Katrine Amalie Astrid Lærke").split()
LAST_NAMES = ("Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
              "Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen "
              "Møller Mortensen Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen "
              "Lund Schmidt Eriksen Holm Kristiansen Clausen Simonsen Svendsen Andreasen Iversen "
              "Jeppesen Vestergaard Nissen Lauridsen Kjær Jespersen Mogensen Skov Østergaard "
              "Bak Dam Friis Toft Bech Ravn Winther Krogh Lind Berg").split()


def plan(consultations):
    """How many clinics and women for a number of consultations (see the module doc)."""
    scale = consultations / 1_000_000
    general = max(3, round(220 * scale))
    physio = max(2, round(117 * scale))
    women = max(60, round(consultations / 2.9))
    return {"general": general, "physio": physio, "women": women,
            "big_women": max(20, round(women * 0.0576))}


class Command(BaseCommand):
    help = "Build a benchmark database of a given size (empty database only)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="1k")
        parser.add_argument("--users", type=int, default=10)
        parser.add_argument("--trigger-sample", type=int, default=5000,
                            help="visits inserted with and without history triggers")

    def handle(self, *args, size, users, trigger_sample, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_build needs PostgreSQL")
        if Patient.objects.exists():
            raise CommandError("the database already has patients; bench_build fills empty ones")
        started = time.monotonic()
        timings = {}
        shape = plan(SIZES[size])
        with transaction.atomic(), connection.cursor() as cursor:
            self._triggers(cursor, enable=False)
            for step in ("clinics", "women", "visits", "referrals", "scores", "finish"):
                at = time.monotonic()
                getattr(self, f"_{step}")(cursor, shape, users)
                timings[step] = round(time.monotonic() - at, 1)
                self.stdout.write(f"  {step}: {timings[step]} s")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign-key checks
            self._triggers(cursor, enable=True)
        at = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        timings["analyze"] = round(time.monotonic() - at, 1)
        timings["total"] = round(time.monotonic() - started, 1)
        counts = {"consultations": Consultation.objects.count(), "patients": Patient.objects.count()}
        self.stdout.write(f"built {size}: {counts} in {timings['total']} s {timings}")
        if trigger_sample:
            self.stdout.write(f"history triggers: {self.trigger_cost(trigger_sample)}")

    def _triggers(self, cursor, *, enable):
        """The history triggers and the visibility triggers (filled in one statement after)."""
        triggers = [(table, name) for table in TRACKED for name in pg_trigger_names(table)]
        triggers += [(table, name) for name, table in visibility.TRIGGER_TABLES.items()]
        for table, name in triggers:
            cursor.execute(f"ALTER TABLE {table} {'ENABLE' if enable else 'DISABLE'} "  # nosec B608
                           f"TRIGGER {name}")

    def _clinics(self, cursor, shape, users):
        rows = [(BIG_CLINIC, "general_practice")]
        rows += [(f"Bench Lægehus {i}", "general_practice") for i in range(1, shape["general"])]
        rows += [(f"Bench Fysioterapi {i}", "physiotherapy") for i in range(shape["physio"])]
        rows += [("Bench Jordemødercenter", "midwifery")]
        cursor.execute(
            "INSERT INTO clinics_clinic (public_id, name, kind, address, phone, email, "
            "require_two_factor, two_factor_off_reason, is_demo, created_at) "
            "SELECT gen_random_uuid(), n, k, '', '', '', false, "
            "'Benchmark database: generated women, never real patients.', true, "
            "now() FROM unnest(%s::text[], %s::text[]) AS t(n, k) ORDER BY n",
            [[r[0] for r in rows], [r[1] for r in rows]])
        # The big practice: the benchmark users; every other clinic: two clinicians.
        password = make_password(BENCH_PASSWORD)
        cursor.execute(
            "INSERT INTO clinics_user (password, is_superuser, username, first_name, last_name, "
            "email, is_staff, is_active, date_joined) "
            "SELECT %s, false, 'bench-' || g, 'Bench', 'User ' || g, '', false, true, now() "
            "FROM generate_series(1, %s) g", [password, users])
        cursor.execute(
            "INSERT INTO clinics_membership (user_id, clinic_id, role) "
            "SELECT u.id, c.id, 'gp' FROM clinics_user u, clinics_clinic c "
            "WHERE u.username LIKE 'bench-%%' AND c.name = %s", [BIG_CLINIC])
        cursor.execute(
            "INSERT INTO clinics_user (password, is_superuser, username, first_name, last_name, "
            "email, is_staff, is_active, date_joined) "
            "SELECT '!', false, 'staff-' || c.id || '-' || g, 'Staff', c.name, '', false, true, "
            "now() FROM clinics_clinic c, generate_series(1, 2) g WHERE c.name <> %s",
            [BIG_CLINIC])
        cursor.execute(
            "INSERT INTO clinics_membership (user_id, clinic_id, role) "
            "SELECT u.id, c.id, CASE c.kind WHEN 'physiotherapy' THEN 'physiotherapist' "
            "WHEN 'midwifery' THEN 'midwife' ELSE 'gp' END "
            "FROM clinics_clinic c JOIN clinics_user u ON u.username LIKE 'staff-' || c.id || '-%%'", [])
        # One clinician per clinic writes its visits (bench_clinician: clinic → user).
        cursor.execute(
            "CREATE TEMP TABLE bench_clinician ON COMMIT DROP AS "
            "SELECT clinic_id, min(user_id) AS user_id FROM clinics_membership GROUP BY clinic_id")
        cursor.execute(
            "CREATE TEMP TABLE bench_clinic ON COMMIT DROP AS SELECT id, kind, "
            "row_number() OVER (PARTITION BY kind ORDER BY (name = %s) DESC, id) - 1 AS n "
            "FROM clinics_clinic", [BIG_CLINIC])

    def _women(self, cursor, shape, users):
        cursor.execute("SELECT id, n FROM bench_clinic WHERE kind = 'general_practice' ORDER BY n")
        general = [clinic_id for clinic_id, _n in cursor.fetchall()]
        rng = random.Random(12)
        women, big = shape["women"], shape["big_women"]
        others = general[1:]
        columns = ("public_id", "clinic_id", "cpr_encrypted", "cpr_digest", "first_name",
                   "last_name", "date_of_birth", "phone", "occupation", "notes", "created_at",
                   "last_seen_at", "version")
        sql = f"COPY consultations_patient ({', '.join(columns)}) FROM STDIN"
        import datetime
        import uuid
        first_day = datetime.date(1975, 1, 1)
        now = datetime.datetime.now(datetime.UTC)
        with cursor.cursor.copy(sql) as copy:
            for i in range(women):
                clinic = general[0] if i < big else others[i % len(others)]
                born = first_day + datetime.timedelta(days=i % 9000)
                cpr = f"{born:%d%m%y}0{(i // 9000) * 2 % 1000:03d}"
                copy.write_row((
                    uuid.uuid4(), clinic, cpr_crypto.encrypt(cpr), cpr_crypto.digest(cpr),
                    rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), born, "", "", "", now, now, 1,
                ))
        # One pregnancy each, her first visit some day in the last ten years, due 120 days on.
        cursor.execute(
            "INSERT INTO consultations_pregnancy (public_id, patient_id, edd, edd_source, "
            "gravida, para, multiple, delivery_date, delivery_mode, created_at, version) "
            "SELECT gen_random_uuid(), p.id, e.edd, 'nuchal_scan', 1, 0, false, "
            "CASE WHEN e.edd < current_date THEN e.edd END, "
            "CASE WHEN e.edd < current_date THEN 'vaginal' ELSE '' END, now(), 1 "
            "FROM consultations_patient p, LATERAL (SELECT current_date - (hashint4(p.id::int) "
            "& 2147483647) %% 3650 + 120 AS edd) e", [])

    def _visits(self, cursor, shape, users):
        """GP visits: 1-3 per woman at her practice (2 on average), a fortnight apart."""
        self._insert_visits(
            cursor,
            source="consultations_pregnancy pr JOIN consultations_patient p ON p.id = pr.patient_id "
                   "CROSS JOIN LATERAL generate_series(0, p.id %% 3) AS v(i)",
            clinic="p.clinic_id", first="pr.edd - 120")

    def _referrals(self, cursor, shape, users):
        """Three in ten women referred on to a physiotherapy clinic after her first GP visit;
        closed 60 days after the birth (with her details then); 1-5 physio visits."""
        cursor.execute("SELECT count(*) FROM bench_clinic WHERE kind = 'physiotherapy'")
        physio = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO consultations_referral (public_id, pregnancy_id, from_clinic_id, "
            "to_clinic_id, reason, created_by_id, created_at, closed_at, closed_by_id, "
            "patient_snapshot, version) "
            "SELECT gen_random_uuid(), pr.id, p.clinic_id, bc.id, '', g.user_id, "
            "(pr.edd - 119)::timestamptz, c.closed, CASE WHEN c.closed IS NOT NULL THEN g.user_id END, "
            "CASE WHEN c.closed IS NOT NULL THEN jsonb_build_object('first_name', p.first_name, "
            "'last_name', p.last_name, 'phone', '', 'occupation', '', 'notes', '') END, 1 "
            "FROM consultations_pregnancy pr JOIN consultations_patient p ON p.id = pr.patient_id "
            "JOIN bench_clinician g ON g.clinic_id = p.clinic_id "
            "JOIN bench_clinic bc ON bc.kind = 'physiotherapy' AND bc.n = (p.id / 10) %% %s "
            "CROSS JOIN LATERAL (SELECT CASE WHEN pr.edd + 60 < current_date "
            "THEN (pr.edd + 60)::timestamptz END AS closed) c "
            "WHERE p.id %% 10 < 3", [physio])
        self._insert_visits(
            cursor,
            source="consultations_referral r JOIN consultations_pregnancy pr ON pr.id = r.pregnancy_id "
                   "CROSS JOIN LATERAL generate_series(0, r.id %% 5) AS v(i)",
            clinic="r.to_clinic_id", first="pr.edd - 110", patient="pr.patient_id")

    def _insert_visits(self, cursor, *, source, clinic, first, patient="p.id"):
        overrides = {
            "public_id": "gen_random_uuid()",
            "patient_id": patient, "pregnancy_id": "pr.id", "clinic_id": clinic,
            "clinician_id": "cl.user_id",
            "kind": "CASE WHEN v.i = 0 THEN 'first' ELSE 'follow_up' END",
            "seen_at": "s.seen_at",
            "status": "CASE WHEN s.draft THEN 'draft' ELSE 'signed' END",
            "signed_by_id": "CASE WHEN s.draft THEN NULL ELSE cl.user_id END",
            "signed_at": "CASE WHEN s.draft THEN NULL ELSE s.seen_at END",
            "ga_days_at_visit": "LEAST(280 - (pr.edd - s.seen_at::date), 300)",
            "created_at": "s.seen_at", "updated_at": "s.seen_at",
            "updated_by_id": "cl.user_id",
            "history_notes": "'Bækkensmerter siden uge ' || (10 + v.i)",
            "diagnosis": "'pgp_likely'", "suggested_diagnosis": "'pgp_likely'",
            "follow_up_on": "CASE WHEN (pr.id + v.i) %% 2 = 0 THEN s.seen_at::date + 14 END",
        }
        columns, values, params = [], [], []
        for field in Consultation._meta.concrete_fields:
            if field.primary_key:
                continue
            columns.append(field.column)
            if field.column in overrides:
                values.append(overrides[field.column])
            else:
                values.append("%s")
                params.append(field.get_db_prep_save(field.get_default(), connection))
        cursor.execute(
            f"INSERT INTO consultations_consultation ({', '.join(columns)}) "  # nosec B608
            f"SELECT {', '.join(values)} FROM {source} "
            f"JOIN bench_clinician cl ON cl.clinic_id = {clinic} "
            f"CROSS JOIN LATERAL (SELECT LEAST(({first})::timestamptz + v.i * interval '14 days' "
            f"+ interval '9 hours' + (hashint4(pr.id::int) & 511) * interval '1 minute', "
            f"now() - v.i * interval '1 hour') AS seen_at, "
            f"(hashint4((pr.id + v.i)::int) & 2147483647) %% 40 = 0 AS draft) s", params)

    def _scores(self, cursor, shape, users):
        """Two NRS scores a visit (now, worst in the last week), drifting with the visit."""
        cursor.execute(
            "INSERT INTO assessments_painscore (consultation_id, scale, context, value, position) "
            "SELECT c.id, 'nrs', x.context, (hashint4((c.id + x.position)::int) & 2147483647) "
            "%% (8 + x.position * 3), x.position FROM consultations_consultation c, "
            "(VALUES ('now', 0), ('worst_week', 1)) AS x(context, position)", [])

    def _finish(self, cursor, shape, users):
        cursor.execute(
            "UPDATE consultations_patient p SET last_seen_at = m.seen FROM (SELECT patient_id, "
            "max(seen_at) AS seen FROM consultations_consultation GROUP BY patient_id) m "
            "WHERE m.patient_id = p.id")
        cursor.execute(visibility.FILL)  # what the visibility triggers would have written
        cursor.execute(visibility.FILL_EDD)
        worklist.fill(cursor)  # the dashboard's stored cards, as the workflows would have kept them

    def trigger_cost(self, sample):
        """Insert the same sample of visits (copies of existing ones, with their pain scores)
        with the history triggers on and off; report both times and the history written. Rolled
        back: the database is left as built."""
        results = {}
        copy_cols = [f.column for f in Consultation._meta.concrete_fields
                     if not f.primary_key and f.column != "public_id"]
        cols = ", ".join(copy_cols)
        for triggers in (False, True):
            with connection.cursor() as cursor:
                cursor.execute("BEGIN")
                try:
                    if not triggers:
                        self._triggers(cursor, enable=False)
                    cursor.execute("SELECT pg_total_relation_size('consultations_historyentry')")
                    before = cursor.fetchone()[0]
                    at = time.monotonic()
                    cursor.execute(
                        "CREATE TEMP TABLE bench_new ON COMMIT DROP AS "
                        "WITH picked AS (SELECT id FROM consultations_consultation ORDER BY id "
                        "LIMIT %s), ins AS (INSERT INTO consultations_consultation "  # nosec B608
                        f"(public_id, {cols}) SELECT gen_random_uuid(), {cols} "
                        "FROM consultations_consultation WHERE id IN (SELECT id FROM picked) "
                        "RETURNING id) SELECT id FROM ins", [sample])
                    cursor.execute(
                        "INSERT INTO assessments_painscore (consultation_id, scale, context, "
                        "value, position) SELECT n.id, 'nrs', 'now', 3, 0 FROM bench_new n")
                    seconds = time.monotonic() - at
                    cursor.execute("SELECT count(*) FROM bench_new")
                    visits = cursor.fetchone()[0]
                    cursor.execute("SELECT count(*), pg_total_relation_size("
                                   "'consultations_historyentry') FROM consultations_historyentry")
                    rows, after = cursor.fetchone()
                    results["with" if triggers else "without"] = {
                        "seconds": round(seconds, 3), "history_rows": rows,
                        "history_bytes": after - before}
                finally:
                    cursor.execute("ROLLBACK")
        with_t, without = results["with"], results["without"]
        results["slowdown"] = round(with_t["seconds"] / max(without["seconds"], 1e-6), 2)
        results["history_bytes_per_visit"] = round(with_t["history_bytes"] / visits)
        results["history_rows_per_visit"] = round(with_t["history_rows"] / visits, 2)
        results["sample_visits"] = visits
        return results
