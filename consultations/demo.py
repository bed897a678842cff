"""Demo data: two clinics, three users and a handful of women at different stages.

Loading is idempotent: people are found by username, clinics by name and women by name in
their clinic, then brought up to date, so the seed case is 32+2 on the day it is loaded.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from clinics.models import Clinic, Membership, User

from . import gestation
from .models import Patient, Pregnancy

DEMO_PASSWORD = "demo-pgp-2026"  # noqa: S105 – demo only, documented in the README
GP_CLINIC = "Lægerne i Søndergade"
PHYSIO_CLINIC = "Fysioterapi Bækkencentret"


@dataclass(frozen=True)
class DemoWoman:
    first_name: str
    last_name: str
    age_days: int  # age in days today, so the CPR date stays plausible
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
    age_days=33 * 365 + 140,
    serial="2346",
    occupation="Træner for eliteatleter",
    notes="Bor på 2. sal uden elevator. Første graviditet. Bækkensmerter i 4 uger.",
    ga_today="32+2",
    gravida=1,
    para=0,
)

WOMEN = [
    SEED_CASE,
    DemoWoman("Fatima", "Rahimi", 29 * 365 + 20, "1988", "Pædagog",
              "Tredje graviditet; havde bækkensmerter i den forrige.", "14+3", 3, 2),
    DemoWoman("Ida", "Kjær", 36 * 365 + 200, "3124", "Sygeplejerske, nattevagter",
              "Tvillingegraviditet.", "24+0", 2, 1, multiple=True),
    DemoWoman("Louise", "Bech", 31 * 365 + 77, "2862", "Kontorassistent",
              "", "38+5", 1, 0),
    DemoWoman("Mette", "Larsen", 34 * 365 + 5, "1570", "Lærer",
              "Født for 5 uger siden; smerter ved symfysen aftager.", None, 2, 1,
              delivered_days_ago=35, ga_at_birth="39+4", delivery_mode="vaginal"),
    DemoWoman("Sara", "Nielsen", 28 * 365 + 310, "2604", "Butiksansat",
              "Født for 4 måneder siden; stadig smerter bagtil i bækkenet.", None, 1, 0,
              delivered_days_ago=122, ga_at_birth="41+1", delivery_mode="caesarean"),
    DemoWoman("Julie", "Andersen", 30 * 365 + 180, "4410", "Fysisk krævende lagerarbejde",
              "Henvist fra egen læge.", "27+6", 1, 0, clinic=PHYSIO_CLINIC),
]


@transaction.atomic
def load_demo(*, today=None):
    """Create or refresh the demo clinics, users and women; return the seed-case patient."""
    today = today or timezone.localdate()
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
    return patients[0]


def _clinic(name, kind, address, phone):
    clinic, _ = Clinic.objects.update_or_create(
        name=name, defaults={"kind": kind, "address": address, "phone": phone}
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
    born = today - datetime.timedelta(days=woman.age_days)
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
