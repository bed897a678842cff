"""Plain make_* functions with obvious defaults."""

import datetime
import itertools
import time

from django.utils import timezone

from clinics.middleware import SIGNED_IN_AT
from clinics.models import Clinic, Membership, User
from consultations import gestation, worklist
from consultations.models import Consultation, Patient, Pregnancy
from pgp_clinic.middleware import RENEWED_AT

PASSWORD = "a-long-test-password-2026"  # noqa: S105
_serials = itertools.cycle(range(1000, 4000))  # 7th digit 1-3: born 1900-1999


# A real clinic requires two-factor sign-in (the model's default). Most tests are about other
# things and sign in with force_login, so their clinics have it off, with the reason recorded
# as an administrator would; tests of two-factor sign-in pass require_two_factor=True.
TEST_TWO_FACTOR_OFF = "Test fixture: this test is not about two-factor sign-in."


def sign_in_as(client, user):
    """force_login, leaving the session a real sign-in leaves (its clocks started), so the
    next request is like any later one: it does not save the session (a query-count test
    would otherwise count that save in its first request only)."""
    client.force_login(user)
    session = client.session
    session[SIGNED_IN_AT] = time.time()
    session[RENEWED_AT] = int(time.time())
    session.save()
    return client


def make_clinic(name="Lægehuset Testvej", kind=Clinic.Kind.GENERAL_PRACTICE, **fields):
    fields.setdefault("require_two_factor", False)
    if not fields["require_two_factor"]:
        fields.setdefault("two_factor_off_reason", TEST_TWO_FACTOR_OFF)
    return Clinic.objects.create(name=name, kind=kind, **fields)


def make_clinician(username, clinic, role=Membership.Role.GP, **fields):
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    Membership.objects.create(user=user, clinic=clinic, role=role)
    return user


def make_cpr(born=datetime.date(1993, 5, 17)):
    """A CPR number with a valid date part and a fresh serial (century digit 0–3)."""
    return born.strftime("%d%m%y") + str(next(_serials))


def make_patient(clinic, first_name="Karen", last_name="Jensen", **fields):
    fields.setdefault("cpr", make_cpr())  # also sets her birth date (17 May 1993 by default)
    return Patient.objects.create(clinic=clinic, first_name=first_name, last_name=last_name, **fields)


def make_pregnancy(patient, ga="28+0", on=None, **fields):
    on = on or timezone.localdate()
    fields.setdefault(
        "edd", on + datetime.timedelta(days=gestation.TERM_DAYS - gestation.parse_ga(ga))
    )
    return Pregnancy.objects.create(patient=patient, **fields)


def make_consultation(patient, pregnancy, clinician, **fields):
    fields.setdefault("clinic", patient.clinic)
    consultation = Consultation(patient=patient, pregnancy=pregnancy, clinician=clinician, **fields)
    consultation.snapshot_stage()
    consultation.save()
    worklist.refresh_for(consultation)  # the dashboard's stored cards, as the workflows keep them
    return consultation


def sign_visit(consultation, by):
    """Sign through the workflow (which stores the dashboard's "pain worse"), with the red
    flags that must be asked answered "absent" first."""
    from assessments.catalogue import MUST_ANSWER_FAMILIES, RED_FLAGS, RedFlagStatus
    from assessments.models import RedFlagAnswer
    from consultations.workflows import sign_consultation

    asked = set(consultation.red_flag_answers.values_list("flag", flat=True))
    RedFlagAnswer.objects.bulk_create([
        RedFlagAnswer(consultation=consultation, flag=code, status=RedFlagStatus.ABSENT)
        for code, info in RED_FLAGS.items()
        if info.family in MUST_ANSWER_FAMILIES and code not in asked
    ])
    signed, blockers = sign_consultation(consultation=consultation, by=by)
    assert not blockers, blockers
    return signed


def clear_consultations(patient):
    """Remove a demo patient's consultations (and what points at them) to record anew."""
    from assessments.models import QuestionnaireResponse
    from consultations.models import Referral

    QuestionnaireResponse.objects.filter(consultation__patient=patient).delete()
    Referral.objects.filter(pregnancy__patient=patient).delete()
    patient.consultations.all().delete()


def make_questionnaire_link(pregnancy, clinician, clinic=None, **fields):
    """A questionnaire link through the portal's own workflow (portal/workflows.py)."""
    from portal.models import PainActivity
    from portal.workflows import make_link

    fields.setdefault("contexts", [PainActivity.TURNING_IN_BED, PainActivity.WALKING])
    return make_link(pregnancy=pregnancy, clinic=clinic or pregnancy.patient.clinic, by=clinician,
                     **fields)


def make_pgq_wording(clinic, by, language="da"):
    """A stand-in for the licensed PGQ wording a clinic loads (our own placeholder sentences,
    not the questionnaire's text)."""
    from assessments.models import PgqWording
    from assessments.scoring import ALL_ITEMS

    items = {str(n): f"{'Spørgsmål' if language == 'da' else 'Question'} {n}" for n in ALL_ITEMS}
    return PgqWording.objects.create(clinic=clinic, language=language, items=items, loaded_by=by)
