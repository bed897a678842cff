"""The pseudonymised research export: who may make it, what it holds and never holds."""

import csv
import datetime
import io
import json
import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import PainScore
from clinics.models import Clinic
from consultations.demo import GP_CLINIC, PHYSIO_CLINIC, WOMEN, load_demo
from consultations.models import AccessLogEntry, Consultation, Patient
from clinics.models import User
from interop.research import HEADER, columns_markdown
from portal.models import PatientReport
from portal.workflows import Answers, submit

from ..factories import make_clinician, make_consultation, make_patient, sign_in_as
from ..factories import make_pregnancy, make_questionnaire_link

URL = reverse("interop:research_export")


def admin_client(clinic, username="adam"):
    return sign_in_as(Client(), make_clinician(username, clinic, role="clinic_admin"))


def export(client):
    response = client.post(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    return text, list(csv.DictReader(io.StringIO(text)))


def shifted(value, real):
    return (datetime.date.fromisoformat(value) - real).days


@pytest.fixture
def seed(db):
    return load_demo()


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="pgp.security")

    def read():
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "pgp.security"]
    return read


def test_the_export_has_one_row_per_signed_consultation_of_the_clinic(seed):
    physio = Clinic.objects.get(name=PHYSIO_CLINIC)
    _text, rows = export(admin_client(physio))
    assert len(rows) == Consultation.objects.filter(clinic=physio, status="signed").count() == 3
    gp = Clinic.objects.get(name=GP_CLINIC)
    _text, rows = export(admin_client(gp, "gunhild"))
    # The draft is left out; the physiotherapy clinic's notes are not the practice's rows.
    assert len(rows) == Consultation.objects.filter(clinic=gp, status="signed").count() == 2
    assert list(rows[0]) == list(HEADER)
    assert {row["source"] for row in rows} == {"clinician"}


def test_no_name_cpr_birth_date_or_free_text_of_any_woman_is_in_it(seed):
    for name, username in ((GP_CLINIC, "gunhild"), (PHYSIO_CLINIC, "adam")):
        text, _rows = export(admin_client(Clinic.objects.get(name=name), username))
        for woman in Patient.objects.all():
            born = woman.date_of_birth
            for secret in (woman.first_name, woman.last_name, woman.cpr, woman.cpr_display,
                           woman.cpr[:6], born.isoformat(), born.strftime("%d.%m.%Y"),
                           born.strftime("%d-%m-%Y"), born.strftime("%d/%m/%Y")):
                assert secret not in text, (name, secret)
            if woman.occupation:
                assert woman.occupation not in text
        for visit in Consultation.objects.all():
            for free_text in (visit.usual_training, visit.goals, visit.history_notes,
                              visit.palpation_notes, visit.activity_advice, visit.gait_note,
                              visit.pelvic_belt_when):
                if free_text:
                    assert free_text not in text, free_text
    assert {w.notes for w in WOMEN if w.notes}  # the demo women do carry notes to leave out


def test_her_dates_move_by_one_offset_and_her_gestational_age_stays(seed):
    physio = Clinic.objects.get(name=PHYSIO_CLINIC)
    _text, rows = export(admin_client(physio))
    visits = list(Consultation.objects.filter(clinic=physio, status="signed")
                  .order_by("seen_at"))
    assert len({row["woman_id"] for row in rows}) == 1
    offsets = {shifted(row["visit_date"], timezone.localtime(visit.seen_at).date())
               for row, visit in zip(rows, visits, strict=True)}
    offsets |= {shifted(row["due_date"], seed.current_pregnancy.edd) for row in rows}
    offsets |= {shifted(row["follow_up_date"], visit.follow_up_on)
                for row, visit in zip(rows, visits, strict=True)}
    assert len(offsets) == 1 and 0 < abs(offsets.pop()) <= 365
    assert [int(row["ga_days"]) for row in rows] == [v.ga_days_at_visit for v in visits]
    assert [row["visit"] for row in rows] == ["1", "2", "3"]
    first = timezone.localtime(visits[0].seen_at).date()
    assert [int(row["days_since_first_visit"]) for row in rows] == [
        (timezone.localtime(v.seen_at).date() - first).days for v in visits]
    # Her pain, on its own scale, as recorded.
    assert [row["pain_vas_now"] for row in rows] == ["60", "35", "10"]
    assert rows[0]["referred_here"] == "1" and rows[0]["icd10"] == "O26.7"


@pytest.fixture
def clinic_of_six(clinic, alice):
    """Six women with two signed visits each."""
    for number in range(6):
        woman = make_patient(clinic, first_name=f"Kvinde{number}", last_name=f"Efternavn{number}")
        pregnancy = make_pregnancy(woman, ga=f"{20 + number}+0")
        _signed_visits(woman, pregnancy, alice, 2)
    return clinic


def _signed_visits(woman, pregnancy, clinician, count):
    for number in range(count):
        visit = make_consultation(woman, pregnancy, clinician,
                                  seen_at=timezone.now() - datetime.timedelta(days=3 * number + 1))
        visit.status, visit.signed_by, visit.signed_at = "signed", clinician, timezone.now()
        visit.save()
        PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=4)


def _pseudonyms(rows):
    """{her real due date: (woman id, offset)} from an export, checking on the way that each
    woman has one id and one offset for all her dates. The test finds each row's visit by its
    gestational age, which the export keeps (distinct for every visit here)."""
    real = {v.ga_days_at_visit: (v.pregnancy.edd, timezone.localtime(v.seen_at).date())
            for v in Consultation.objects.filter(status="signed").select_related("pregnancy")}
    found = {}
    for row in rows:
        edd, day = real[int(row["ga_days"])]
        offset = shifted(row["visit_date"], day)
        assert shifted(row["due_date"], edd) == offset
        assert found.setdefault(edd, (row["woman_id"], offset)) == (row["woman_id"], offset)
    return found


def test_ids_and_offsets_are_consistent_within_an_export_and_differ_between_exports(
        clinic_of_six):
    client = admin_client(clinic_of_six)
    _text, first = export(client)
    _text, second = export(client)
    mine, theirs = _pseudonyms(first), _pseudonyms(second)
    assert len(mine) == len(theirs) == 6
    assert len({woman_id for woman_id, _o in mine.values()}) == 6
    assert all(offset != 0 for _i, offset in mine.values())
    assert not {i for i, _o in mine.values()} & {i for i, _o in theirs.values()}
    assert [mine[edd][1] for edd in sorted(mine)] != [theirs[edd][1] for edd in sorted(mine)]


def test_the_export_is_in_the_security_log_and_her_access_log(clinic_of_six, events):
    client = admin_client(clinic_of_six)
    _text, rows = export(client)
    event = [e for e in events() if e["event"] == "research_export"]
    assert len(event) == 1
    assert event[0]["user"] == "adam" and event[0]["rows"] == 12 and event[0]["women"] == 6
    assert event[0]["clinic"] == str(clinic_of_six.public_id)
    assert "Kvinde" not in json.dumps(event)
    logged = AccessLogEntry.objects.filter(user__username="adam", what="interop:research_export")
    assert logged.values("patient").distinct().count() == 6


def test_only_the_clinic_administrator_may_export(clinic_of_six, alice_client, events):
    physio = make_clinician("petra", clinic_of_six, role="physiotherapist")
    petra = Client()
    sign_in_as(petra, physio)
    for client in (alice_client, petra):
        assert client.get(URL).status_code == 403
        assert client.post(URL).status_code == 403
    assert not [e for e in events() if e["event"] == "research_export"]
    anonymous = Client().post(URL)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    admin = admin_client(clinic_of_six)
    page = admin.get(URL)
    assert page.status_code == 200 and "pain_vas_now" in page.content.decode()
    assert not AccessLogEntry.objects.exists()  # the page itself shows no one
    # The guideline report offers it to the administrator only (not the menu: the header
    # must fit 1,366 px).
    report = reverse("interop:adherence_report")
    assert f'href="{URL}"' in admin.get(report).content.decode()
    assert f'href="{URL}"' not in alice_client.get(report).content.decode()
    assert f'href="{URL}"' not in admin.get(reverse("dashboard")).content.decode()


def test_another_clinics_women_never_enter_the_export(clinic_of_six, other_clinic):
    _text, rows = export(admin_client(other_clinic, "olav"))
    assert rows == []


def test_the_export_runs_the_same_queries_for_3_and_30_visits(clinic, alice):
    client = admin_client(clinic)

    def count():
        with CaptureQueriesContext(connection) as captured:
            export(client)
        return len(captured)

    for number in range(3):
        woman = make_patient(clinic, first_name=f"A{number}")
        pregnancy = make_pregnancy(woman)
        _signed_visits(woman, pregnancy, alice, 1)
        send_report(pregnancy, alice)
    few = count()
    for number in range(9):
        woman = make_patient(clinic, first_name=f"B{number}")
        pregnancy = make_pregnancy(woman)
        _signed_visits(woman, pregnancy, alice, 3)
        for _report in range(3):
            send_report(pregnancy, alice)
    assert Consultation.objects.filter(status="signed").count() == 30
    assert PatientReport.objects.count() == 30
    assert count() == few


# --- Her answers from home (issue 16 item 6) -----------------------------------------------


def send_report(pregnancy, clinician, clinic=None, *, pain=3, hardest="Min svigermor hjælper"):
    """Her answers through the portal's own workflow, with the PGQ and two PSFS activities in
    her own words."""
    link = make_questionnaire_link(pregnancy, clinician, clinic)
    answers = Answers(
        pain={(activity, moment): pain + index for index, (activity, moment) in enumerate(
            (a, m) for a in link.contexts for m in ("now", "worst_week"))},
        pgq={n: n % 4 for n in range(1, 26)},
        psfs=[("Løfte Oskar op fra gulvet", 3), ("Cykle til Netto", 8)], hardest=hardest)
    return submit(link=link, answers=answers, language="da")


def test_her_answers_from_home_are_rows_of_numbers_with_her_dates_shifted(seed):
    physio = Clinic.objects.get(name=PHYSIO_CLINIC)
    report = send_report(seed.current_pregnancy, User.objects.get(username="demo-physio"),
                         physio)
    text, rows = export(admin_client(physio))
    visits, hers = ([row for row in rows if row["source"] == source]
                    for source in ("clinician", "patient"))
    assert len(visits) == 3 and len(hers) == 1
    row, = hers
    assert row["woman_id"] == visits[0]["woman_id"] and row["episode"] == visits[0]["episode"]
    day = timezone.localtime(report.submitted_at).date()
    offset = shifted(visits[0]["due_date"], seed.current_pregnancy.edd)
    assert shifted(row["visit_date"], day) == offset and row["due_date"] == visits[0]["due_date"]
    first = timezone.localtime(Consultation.objects.filter(clinic=physio, status="signed")
                               .earliest("seen_at").seen_at).date()
    assert int(row["days_since_first_visit"]) == (day - first).days
    assert int(row["ga_days"]) == seed.current_pregnancy.stage_on(day).ga_days
    assert {name: row[name] for name in row if name.startswith("reported_nrs_") and row[name]} \
        == {f"reported_nrs_{r.activity}_{r.moment}": str(r.value)
            for r in report.pain_rows.all()}
    assert (row["psfs_1"], row["psfs_2"], row["psfs_3"]) == ("3", "8", "")
    assert row["pgq_total"] == str(report.pgq_total)
    # what only a consultation records stays empty on her row
    assert row["visit"] == row["kind"] == row["pain_nrs_now"] == row["icd10"] == ""
    assert all(v[name] == "" for v in visits for name in HEADER
               if name.startswith(("reported_nrs_", "psfs_")))
    # her words never leave: neither her PSFS activities nor her free text
    for words in ("Løfte Oskar", "Cykle til Netto", "svigermor"):
        assert words not in text
    # the access log names the set of answers exported
    assert AccessLogEntry.objects.filter(what="interop:research_export",
                                         object_id=f"report:{report.public_id}").exists()


def test_only_answers_on_the_clinics_own_links_go_in(seed, events):
    gp, physio = (Clinic.objects.get(name=name) for name in (GP_CLINIC, PHYSIO_CLINIC))
    send_report(seed.current_pregnancy, User.objects.get(username="demo-physio"), physio)
    _text, rows = export(admin_client(gp, "gunhild"))
    assert {row["source"] for row in rows} == {"clinician"}
    send_report(seed.current_pregnancy, User.objects.get(username="demo-gp"))
    _text, rows = export(admin_client(gp, "gunhild2"))
    assert [row["source"] for row in rows].count("patient") == 1
    event = [e for e in events() if e["event"] == "research_export"][-1]
    assert (event["rows"], event["reported"]) == (len(rows), 1)


def test_a_woman_with_answers_but_no_visit_here_gets_her_own_id_and_no_first_visit(clinic,
                                                                                    alice):
    woman = make_patient(clinic, first_name="Ulla")
    send_report(make_pregnancy(woman, ga="30+0"), alice)
    _text, rows = export(admin_client(clinic))
    row, = rows
    assert row["source"] == "patient" and row["woman_id"] and row["episode"] == "1"
    assert row["days_since_first_visit"] == "" and row["ga_days"] == "210"
    assert AccessLogEntry.objects.filter(what="interop:research_export", patient=woman).exists()


def test_the_documented_columns_are_the_exported_ones():
    doc = (Path(settings.BASE_DIR) / "docs" / "research-export.md").read_text()
    assert columns_markdown() in doc

