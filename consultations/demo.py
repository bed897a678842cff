"""Demo data: two clinics, three users and a handful of women at different stages.

Loading is idempotent: people are found by username, clinics by name and women by name in
their clinic, then brought up to date, so the seed case is 32+2 on the day it is loaded.
"""

import datetime
from dataclasses import dataclass

from urllib.parse import urlencode

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from assessments import catalogue
from clinics.models import Clinic, Membership, User
from education.library import load_library
from education.models import EducationTopic, Exercise

from . import gestation
from assessments.forms import PgqForm

from .forms import ConsultationForms, ReferralForm
from .models import Consultation, Patient, Pregnancy, Referral
from .workflows import open_referral, record_pgq, sign_consultation

DEMO_PASSWORD = "demo-pgp-2026"  # noqa: S105 – demo only, documented in the README
GP_CLINIC = "Lægerne i Søndergade"
PHYSIO_CLINIC = "Fysioterapi Bækkencentret"


@dataclass(frozen=True)
class DemoWoman:
    first_name: str
    last_name: str
    born: datetime.date  # fixed: her CPR number never changes, whatever day the demo loads
    serial: str  # last four CPR digits; the first one also sets the century
    occupation: str
    notes: str
    ga_today: str | None  # "32+2" while pregnant
    gravida: int
    para: int
    delivered_days_ago: int | None = None
    ga_at_birth: str = "40+0"
    delivery_mode: str = ""
    multiple: bool = False
    clinic: str = GP_CLINIC


SEED_CASE = DemoWoman(
    first_name="Camilla",
    last_name="Holm",
    born=datetime.date(1993, 7, 17),
    serial="2346",
    occupation="Træner for eliteatleter",
    notes="Bor på 2. sal uden elevator. Første graviditet. Bækkensmerter i 4 uger.",
    ga_today="32+2",
    gravida=1,
    para=0,
)

WOMEN = [
    SEED_CASE,
    DemoWoman("Fatima", "Rahimi", datetime.date(1997, 11, 13), "1988", "Pædagog",
              "Tredje graviditet; havde bækkensmerter i den forrige.", "14+3", 3, 2),
    DemoWoman("Ida", "Kjær", datetime.date(1990, 5, 19), "3124", "Sygeplejerske, nattevagter",
              "Tvillingegraviditet.", "24+0", 2, 1, multiple=True),
    DemoWoman("Louise", "Bech", datetime.date(1995, 9, 18), "2862", "Kontorassistent",
              "", "38+5", 1, 0),
    DemoWoman("Mette", "Larsen", datetime.date(1992, 11, 29), "1570", "Lærer",
              "Født for 5 uger siden; smerter ved symfysen aftager.", None, 2, 1,
              delivered_days_ago=35, ga_at_birth="39+4", delivery_mode="vaginal"),
    DemoWoman("Sara", "Nielsen", datetime.date(1998, 1, 27), "2604", "Butiksansat",
              "Født for 4 måneder siden; stadig smerter bagtil i bækkenet.", None, 1, 0,
              delivered_days_ago=122, ga_at_birth="41+1", delivery_mode="caesarean"),
    DemoWoman("Julie", "Andersen", datetime.date(1996, 6, 6), "4410", "Fysisk krævende lagerarbejde",
              "Henvist fra egen læge.", "27+6", 1, 0, clinic=PHYSIO_CLINIC),
]


@transaction.atomic
def load_demo(*, today=None):
    """Create or refresh the demo clinics, users and women; return the seed-case patient."""
    today = today or timezone.localdate()
    load_library(Exercise, EducationTopic)  # normally loaded by a migration; tests may flush it
    gp_clinic = _clinic(GP_CLINIC, Clinic.Kind.GENERAL_PRACTICE, "Søndergade 12, 8000 Aarhus C",
                        "86 12 34 56")
    physio = _clinic(PHYSIO_CLINIC, Clinic.Kind.PHYSIOTHERAPY, "Banegårdsgade 3, 8000 Aarhus C",
                     "86 65 43 21")
    _user("demo-gp", "Anne", "Mikkelsen", [(gp_clinic, Membership.Role.GP)])
    _user("demo-physio", "Peter", "Dahl", [(physio, Membership.Role.PHYSIOTHERAPIST)])
    _user("demo-admin", "Birgit", "Sørensen",
          [(gp_clinic, Membership.Role.CLINIC_ADMIN), (physio, Membership.Role.CLINIC_ADMIN)])
    clinics = {GP_CLINIC: gp_clinic, PHYSIO_CLINIC: physio}
    patients = [_woman(woman, clinics[woman.clinic], today) for woman in WOMEN]
    load_demo_consultations()
    return patients[0]


DEMO_TWO_FACTOR_OFF = "Demo clinic: demo accounts only, never real patients."


def _clinic(name, kind, address, phone):
    clinic, _ = Clinic.objects.update_or_create(
        name=name, defaults={"kind": kind, "address": address, "phone": phone, "is_demo": True,
                             "require_two_factor": False,
                             "two_factor_off_reason": DEMO_TWO_FACTOR_OFF}
    )
    return clinic


def _user(username, first_name, last_name, memberships):
    user, _ = User.objects.update_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    for clinic, role in memberships:
        Membership.objects.update_or_create(user=user, clinic=clinic, defaults={"role": role})
    return user


def _woman(woman, clinic, today):
    born = woman.born
    patient, _ = Patient.objects.update_or_create(
        clinic=clinic,
        first_name=woman.first_name,
        last_name=woman.last_name,
        defaults={
            "cpr": born.strftime("%d%m%y") + woman.serial,
            "date_of_birth": born,
            "occupation": woman.occupation,
            "notes": woman.notes,
            "last_seen_at": timezone.now() - datetime.timedelta(days=len(woman.notes) % 9),
        },
    )
    fields = {"gravida": woman.gravida, "para": woman.para, "multiple": woman.multiple,
              "edd_source": Pregnancy.EddSource.NUCHAL_SCAN}
    if woman.delivered_days_ago is None:
        fields["edd"] = today + datetime.timedelta(
            days=gestation.TERM_DAYS - gestation.parse_ga(woman.ga_today)
        )
        fields.update(delivery_date=None, delivery_mode="")
    else:
        delivered = today - datetime.timedelta(days=woman.delivered_days_ago)
        fields["edd"] = delivered + datetime.timedelta(
            days=gestation.TERM_DAYS - gestation.parse_ga(woman.ga_at_birth)
        )
        fields.update(delivery_date=delivered, delivery_mode=woman.delivery_mode)
    pregnancy = patient.pregnancies.order_by("-edd").first()
    if pregnancy is None:
        Pregnancy.objects.create(patient=patient, **fields)
    else:
        Pregnancy.objects.filter(pk=pregnancy.pk).update(**fields)
    return patient


# --- Consultations --------------------------------------------------------------------------

SEED_FIRST_VISIT = dict(
    kind="first",
    pain=[("vas", "worst_week", 80), ("vas", "now", 60), ("nrs", "after_treatment", 3)],
    tests={"p4_left": "positive_familiar", "p4_right": "positive_familiar",
           "faber_left": "negative", "faber_right": "negative",
           "symphysis_palpation_midline": "tenderness_only",
           "aslr_left": "2", "aslr_right": "2"},
    pain_regions=["sij_left", "sij_right", "gluteal_left", "gluteal_right"],
    aggravating=["turning_in_bed", "walking", "stairs", "stride_length"],
    onset_ga_weeks="28", duration_weeks="4", sleep="disturbed", work_status="working",
    usual_training="Styrketræning og løb 4 gange om ugen; er stoppet helt de sidste 3 uger.",
    yellow_stopped_activity="yes", yellow_fear_of_movement="no",
    goals="Fortsætte med at træne atleterne og gå normalt på trapper hjemme.",
    lumbar_movement="normal", repeated_movements="no_effect",
    neuro_strength="normal", neuro_sensation="normal", neuro_reflexes="normal",
    neuro_slr="normal", gait="abnormal", gait_note="Korte skridt, halter let",
    palpation_notes="Let ømhed over symfysen, forsvinder inden for 5 sekunder.",
    diagnosis="pgp_likely", subgroup="double_sided_sij",
    education_given=["stable_pelvis", "movement_safe", "sleep_turning", "belt_optional",
                     "training"],
    treatments=["manual_mobilisation"], treatment_region="Lumbopelvine overgang og SI-led",
    pelvic_belt="on", pelvic_belt_when="Ved lang tids stående og gående arbejde",
    satin_sheet="on",
    activity_advice="Bevæg dig frit; vend gradvist tilbage til egen træning. Hvil liggende i frokostpausen.",
    sick_leave_advice="none", referral="physiotherapist",
)
# Her home programme: (exercise, overrides of the library dosage, note)
SEED_PROGRAMME = [
    ("cat-camel-all-fours", {}, ""),
    ("pelvic-circles-ball", {}, ""),
    ("pelvic-floor-deep-abdominals", {}, ""),
    ("side-lying-clam", {"reps": "8"}, ""),
    ("turning-in-bed", {}, "Med satinlagen"),
    ("side-lying-rest", {"hold_seconds": "900", "times_per_day": "1"}, "I frokostpausen"),
]


def programme_rows(rows):
    """Programme form rows from (slug, dosage overrides, note)."""
    exercises = {e.slug: e.pk for e in Exercise.objects.filter(clinic=None)}
    return [{"exercise": str(exercises[slug]), "position": str(number), "note": note, **dosage}
            for number, (slug, dosage, note) in enumerate(rows)]


def consultation_form_data(*, version=1, flags="absent", pain=(), tests=None, seen_at=None,
                           programme=(), **fields):
    """The POST of the consultation page, for the demo and for tests."""
    seen_at = seen_at or timezone.localtime()
    data = {
        "version": str(version), "kind": "first", "icd10": "O26.7",
        "seen_at": seen_at if isinstance(seen_at, str) else seen_at.strftime("%Y-%m-%dT%H:%M"),
        "pain-TOTAL_FORMS": str(max(3, len(pain))), "pain-INITIAL_FORMS": "0",
        "pain-MIN_NUM_FORMS": "0", "pain-MAX_NUM_FORMS": "20",
        "programme-TOTAL_FORMS": str(max(3, len(programme))), "programme-INITIAL_FORMS": "0",
        "programme-MIN_NUM_FORMS": "0", "programme-MAX_NUM_FORMS": "20",
    }
    data.update({f"yellow_{code}": "not_asked" for code in catalogue.YellowFlag.values})
    data.update({f"flag-{code}": flags for code in catalogue.RED_FLAGS})
    for number, (scale, context, value) in enumerate(pain):
        data.update({f"pain-{number}-scale": scale, f"pain-{number}-context": context,
                     f"pain-{number}-value": str(value)})
    data.update({f"test-{name}": value for name, value in (tests or {}).items()})
    for number, row in enumerate(programme):
        data.update({f"programme-{number}-{key}": value for key, value in row.items()})
    data.update(fields)
    return data


def _record(patient, clinician, *, sign, seen_at, **fields):
    """Record a consultation once: nothing if she already has one (the demo is idempotent)."""
    if patient.consultations.exists():
        return None
    return _save_visit(patient, clinician, patient.clinic, sign=sign, seen_at=seen_at, **fields)


def _save_visit(patient, clinician, clinic, *, sign, seen_at, pgq=None, **fields):
    """Record a consultation through the same forms and workflows as the page; her PGQ, if
    any, is entered at the visit, before signing."""
    consultation = Consultation(patient=patient, pregnancy=patient.current_pregnancy,
                                clinic=clinic, clinician=clinician)
    data = QueryDict(urlencode(consultation_form_data(seen_at=seen_at, **fields), doseq=True))
    forms = ConsultationForms(data, consultation)
    if not forms.is_valid():
        raise ValueError(f"demo consultation is invalid: {forms.errors()}")
    consultation = forms.save(by=clinician)
    if pgq:
        _enter_pgq(consultation, pgq, clinician)
    if sign:
        sign_consultation(consultation=consultation, by=clinician)
    return consultation


def _minutes_ago(minutes):
    return timezone.localtime() - datetime.timedelta(minutes=minutes)


def _days_ago(days, hour):
    moment = timezone.localtime() - datetime.timedelta(days=days)
    moment = moment.replace(hour=hour, minute=0, second=0, microsecond=0)
    return min(moment, timezone.localtime() - datetime.timedelta(minutes=30))


def _in_days(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def load_demo_consultations():
    """The seed case's signed first visit, a draft, and a visit with a red flag (once)."""
    gp = User.objects.get(username="demo-gp")
    clinic = Clinic.objects.get(name=GP_CLINIC)
    women = {p.first_name: p for p in Patient.objects.filter(clinic=clinic)}
    seed = women["Camilla"]
    _record(seed, gp, sign=True, seen_at=_days_ago(21, hour=9),
            programme=programme_rows(SEED_PROGRAMME),
            **{**SEED_FIRST_VISIT, "duration_weeks": "1",
               "pain": [("nrs", "worst_week", 8), ("nrs", "now", 6)],
               "treatments": [], "treatment_region": ""})
    if not Referral.objects.filter(pregnancy__patient=seed).exists():
        _physiotherapy_course(seed, gp)
    _record(women["Louise"], gp, sign=False, seen_at=_minutes_ago(45),
            pain=[("nrs", "now", 4)], pain_regions=["symphysis"],
            tests={"symphysis_palpation_midline": "positive_familiar"},
            history_notes="Smerter foran ved symfysen, værst ved påklædning. Undersøgelsen "
                          "fortsættes ved næste konsultation.")
    _record(women["Ida"], gp, sign=True, seen_at=_minutes_ago(20), flags="absent",
            pain=[("nrs", "now", 5)], pain_regions=["lumbar", "sij_left"],
            **{"flag-preterm_labour": "present",
               "flag-preterm_labour_action": "Regelmæssige sammentrækninger og rytmiske "
               "lændesmerter. Ringet til fødeafdelingen, som tager imod hende i dag.",
               "history_notes": "Tvillinger. Nye, regelmæssige sammentrækninger siden i går."},
            referral="obstetric_department", diagnosis="red_flag")


# The seed case's physiotherapy course (the seed article): a first visit and two follow-ups
# with falling pain, normal gait again, and two PGQ forms. Visits lie in the past so that the
# course is there on first sign-in; she is 32+2 on the day the demo is loaded.
PHYSIO_VISITS = [
    dict(days_ago=14, kind="first", worst=80, now=60, after=3, p4="positive_familiar",
         aslr=("2", "2"), gait="abnormal", gait_note="Korte skridt, halter let",
         pgq={**{n: 2 for n in range(1, 21)}, 13: 3, 18: None, **{n: 2 for n in range(21, 26)}}),
    dict(days_ago=7, kind="follow_up", worst=50, now=35, after=None, p4="positive_familiar",
         aslr=("1", "1"), gait="abnormal", gait_note="Næsten normale skridt", pgq=None),
    dict(days_ago=0, kind="follow_up", worst=20, now=10, after=None, p4="pain_not_familiar",
         aslr=("0", "0"), gait="normal", gait_note="Går normalt igen",
         pgq={**{n: 1 for n in range(1, 21)}, 4: 0, 7: 0, 18: None, 21: 1, 22: 0, 23: 0,
              24: 1, 25: 1}),
]


def _physiotherapy_course(patient, gp):
    """Refer her to the physiotherapy clinic and record its three visits and two PGQ forms."""
    physio_clinic = Clinic.objects.get(name=PHYSIO_CLINIC)
    physio = User.objects.get(username="demo-physio")
    pregnancy = patient.current_pregnancy
    data = QueryDict(urlencode({"to_clinic": physio_clinic.pk,
                                "reason": "Bækkensmerter bagtil i begge sider, VAS 8 cm."}))
    form = ReferralForm(data, from_clinic=patient.clinic, pregnancy=pregnancy)
    if not form.is_valid():
        raise ValueError(f"demo referral is invalid: {form.errors}")
    open_referral(form=form, pregnancy=pregnancy, by=gp, clinic=patient.clinic)
    next_days = [visit["days_ago"] for visit in PHYSIO_VISITS[1:]] + [-5]
    for visit, next_ago in zip(PHYSIO_VISITS, next_days, strict=True):
        pain = [("vas", "worst_week", visit["worst"]), ("vas", "now", visit["now"])]
        if visit["after"] is not None:
            pain.append(("nrs", "after_treatment", visit["after"]))
        tests = {"p4_left": visit["p4"], "p4_right": visit["p4"],
                 "symphysis_palpation_midline": "tenderness_only",
                 "aslr_left": visit["aslr"][0], "aslr_right": visit["aslr"][1]}
        fields = SEED_FIRST_VISIT | dict(
            kind=visit["kind"], pain=pain, tests=tests, gait=visit["gait"],
            gait_note=visit["gait_note"], programme=programme_rows(SEED_PROGRAMME),
            follow_up_on=_in_days(-next_ago),
        )
        _save_visit(patient, physio, physio_clinic, sign=True, pgq=visit["pgq"],
                    seen_at=_days_ago(visit["days_ago"], hour=8), **fields)


def _enter_pgq(consultation, items, by):
    data = {"filled_on": timezone.localtime(consultation.seen_at).date().isoformat()}
    data.update({f"item_{n}": "na" if v is None else str(v) for n, v in items.items()})
    form = PgqForm(QueryDict(urlencode(data)), today=timezone.localdate(),
                   visit_day=timezone.localtime(consultation.seen_at).date())
    if not form.is_valid():
        raise ValueError(f"demo PGQ is invalid: {form.errors}")
    record_pgq(consultation=consultation, form=form, by=by)
