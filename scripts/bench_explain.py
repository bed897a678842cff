"""EXPLAIN ANALYZE of the pages' queries on a bench database, for docs/performance.md.

Run inside `manage.py shell` against a cluster built by bench_load.py:
    DATABASE_URL=… .venv/bin/python manage.py shell -c "from scripts.bench_explain import main; main()"
"""

from datetime import datetime, time

from django.db import connection
from django.utils import timezone

from clinics.models import Clinic
from consultations.management.commands.bench_build import BIG_CLINIC
from consultations.models import Patient, Referral, WorkCard
from consultations.pages import RECENT, WEEK


def queries(clinic):
    today = timezone.localdate()
    visible = Patient.objects.for_clinic(clinic)
    by_name = visible.sorted_by("name", clinic=clinic)
    middle = by_name[visible.count() // 2]
    woman = visible.first()
    return {
        "patient list, first page (name)": by_name[:26],
        "patient list, a deep page (keyset after a woman in the middle)":
            by_name.after("name", middle.public_id)[:26],
        "patient list, count capped at 1,000 (its rows)": visible.order_by().values("pk")[:1001],
        "dashboard, recently seen": visible.recently_seen()[:10],
        "search by whole CPR number": visible.with_cpr(woman.cpr),
        "search by name": visible.search(woman.last_name, clinic=clinic).sorted_by("name", clinic=clinic)[:26],
        "patient list by due date": visible.sorted_by("due", clinic=clinic)[:26],
        "one woman by public id (every patient page)": visible.filter(public_id=woman.public_id),
        "worklist: awaiting a first visit": Referral.objects.open().to_clinic(clinic)
            .order_by("created_at")[:20],
        "worklist: follow-ups due this week": WorkCard.objects.filter(
            clinic=clinic, follow_up_on__range=(today, today + WEEK))
            .order_by("follow_up_on", "pk")[:20],
        "worklist: pain worse (stored when signed)": WorkCard.objects.filter(
            clinic=clinic, worse_score__isnull=False,
            worse_since__gte=timezone.make_aware(datetime.combine(today - RECENT, time())))
            .order_by("-worse_since", "-pk")[:20],
    }


def main():
    clinic = Clinic.objects.get(name=BIG_CLINIC)
    for title, queryset in queries(clinic).items():
        print(f"### {title}\n")
        print("```")
        sql, params = queryset.query.sql_with_params()  # (QuerySet.explain fails on QUALIFY)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            print("\n".join(row[0] for row in cursor.fetchall()))
        print("```\n")
