"""What the load benchmark's users ask for (run inside `manage.py shell`, see bench_load.py):
the signed-in users of the large practice and rows of that practice to open."""

from clinics.models import Clinic, User
from consultations.management.commands.bench_build import BENCH_PASSWORD, BIG_CLINIC
from consultations.models import Consultation, Patient

PAGE_SIZE = 25


def targets(users):
    clinic = Clinic.objects.filter(name=BIG_CLINIC).first() or Clinic.objects.filter(
        members__username__startswith="bench-").distinct().first()
    own = Patient.objects.filter(clinic=clinic)
    patients = list(own.order_by("?")[:200])
    deep_index = own.count() // 2
    by_name = own.order_by("last_name", "first_name", "pk")
    deep = by_name[max(deep_index - 1, 0)]
    signed = Consultation.objects.filter(clinic=clinic, status="signed")
    return {
        "users": list(User.objects.filter(memberships__clinic=clinic, username__startswith="bench-")
                      .order_by("pk").values_list("username", flat=True)[:users]),
        "password": BENCH_PASSWORD,
        "patients": [str(p.public_id) for p in patients],
        "consultations": [str(c) for c in signed.order_by("?").values_list("public_id", flat=True)[:200]],
        "cprs": [p.cpr for p in patients[:50]],
        "names": [p.last_name for p in patients[:50]],
        # The middle of the list by name: a page number for the numbered list, the row before
        # it for the keyset list (whichever the app reads).
        "deep_list": f"/patients/?sort=name&page={deep_index // PAGE_SIZE + 1}&after={deep.public_id}",
        "counts": {"consultations": Consultation.objects.count(), "patients": Patient.objects.count(),
                   "clinics": Clinic.objects.count(), "big_clinic_women": own.count(),
                   "big_clinic_visits": Consultation.objects.filter(clinic=clinic).count()},
    }
