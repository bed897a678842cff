"""Plans that the pages' queries rely on (issue 12, item 4), on PostgreSQL with enough rows for
the planner to choose: each query reads the index built for it (docs/performance.md)."""

import datetime

import pytest
from django.db import connection

from consultations.models import Patient

# A clinic of 10,000 women with varied names (her visibility rows follow by trigger).
MANY_WOMEN = """
INSERT INTO consultations_patient (public_id, clinic_id, cpr_encrypted, cpr_digest, first_name,
    last_name, date_of_birth, phone, occupation, notes, created_at, last_seen_at, version)
SELECT gen_random_uuid(), %s, '', md5(g::text),
       translate(substr(md5((g * 7)::text), 1, 6), '0123456789', 'ghijklmnop'),
       translate(substr(md5(g::text), 1, 8), '0123456789', 'ghijklmnop'),
       '1990-01-01', '', '', '', now(), now(), 1
FROM generate_series(1, 10000) AS g
"""


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def many_women(clinic):
    with connection.cursor() as cursor:
        cursor.execute(MANY_WOMEN, [clinic.pk])
        cursor.execute("ANALYZE consultations_visibility")
        cursor.execute("ANALYZE consultations_patient")
    return clinic


def test_a_search_by_name_reads_the_trigram_index_not_the_clinics_rows(many_women):
    clinic = many_women
    name = Patient.objects.filter(clinic=clinic).order_by("pk")[4321].last_name
    found = (Patient.objects.for_clinic(clinic).search(name[2:7], clinic=clinic)
             .sorted_by("name", clinic=clinic)[:26])
    plan = _plan(found)
    assert "visibility_name_key_trgm" in plan, plan
    assert "Seq Scan on consultations_visibility" not in plan, plan


def test_a_common_name_is_looked_for_among_the_clinics_women_not_the_regions(many_women,
                                                                           other_clinic):
    """A long name that a third of the region's women share: the planner knows it is common
    (the name column's large histogram, migration 0020) and reads the clinic's own rows, not
    every woman in the region with that name through the trigram index."""
    with connection.cursor() as cursor:
        cursor.execute(MANY_WOMEN.replace("translate(substr(md5(g::text), 1, 8), "
                                          "'0123456789', 'ghijklmnop')", "'Christiansen'"),
                       [other_clinic.pk])
        cursor.execute("ANALYZE consultations_visibility")
    found = (Patient.objects.for_clinic(many_women).search("Christiansen", clinic=many_women)
             .sorted_by("name", clinic=many_women))
    plan = _plan(found.order_by()[:1001])
    assert "visibility_name_key_trgm" not in plan, plan
    rare = Patient.objects.filter(clinic=many_women).order_by("pk")[1234].last_name
    plan = _plan(Patient.objects.for_clinic(many_women).search(rare, clinic=many_women)[:1001])
    assert "visibility_name_key_trgm" in plan, plan


def test_the_list_by_due_date_reads_the_kept_date_in_index_order(many_women, clinic):
    from consultations.models import Pregnancy

    woman = Patient.objects.filter(clinic=clinic).order_by("pk")[77]
    due = datetime.date.today()  # (a pregnancy's trigger keeps her rows' due date)
    Pregnancy.objects.create(patient=woman, edd=due, gravida=1, para=0)
    by_due = Patient.objects.for_clinic(clinic).sorted_by("due", clinic=clinic)
    assert [(p.pk, p.current_edd) for p in by_due[:1]] == [(woman.pk, due)]
    plan = _plan(by_due[:26])
    assert "visibility_by_due" in plan and "SubPlan" not in plan and "Sort" not in plan, plan
