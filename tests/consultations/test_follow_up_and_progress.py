"""Follow-ups show the last visit beside each field, to take over by choice; progress shows
pain, ASLR and PGQ over the weeks."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse
from consultations.demo import consultation_form_data, load_demo

from ..factories import make_consultation, sign_visit


def pgq_post(value="2", **overrides):
    data = {"filled_on": timezone.localdate().isoformat(),
            **{f"item_{n}": value for n in range(1, 26)}}
    data.update(overrides)
    return data


def _last_visit(patient, **fields):
    """The fixture's visit, a week ago, with findings, decisions and aids recorded."""
    last = patient.consultations.get()
    values = dict(
        seen_at=timezone.now() - datetime.timedelta(days=7),
        pain_regions=["sij_left", "sij_right"], aggravating=["turning_in_bed"],
        work_status="partial", sick_leave_percent=50,
        yellow_flags={"stopped_activity": "yes"}, goals="Gå tur med hunden",
        diagnosis="pgp_likely", subgroup="double_sided_sij", icd10="O26.71",
        referral="physiotherapist", pelvic_belt=True, pelvic_belt_when="Ved lang tids stående",
        satin_sheet=True,
    )
    values.update(fields)
    for name, value in values.items():
        setattr(last, name, value)
    last.save()
    return last


def _open_follow_up(client, patient, language="da"):
    return client.get(reverse("consultations:consultation_create", args=[patient.public_id]),
                      headers={"accept-language": language})


def test_follow_up_opens_empty_with_last_visits_values_beside_the_fields(alice_client, patient):
    last = _last_visit(patient)
    PainScore.objects.create(consultation=last, scale="vas", context="worst_week", value=70)
    PelvicTestResult.objects.create(consultation=last, test="gaenslen", side="left",
                                    result="positive_familiar")
    page = _open_follow_up(alice_client, patient)
    forms = page.context["forms"]
    form = forms.main
    assert form["kind"].value() == "follow_up"
    for name in ("pain_regions", "aggravating"):
        assert form[name].value() in ([], None), name
    for name in ("work_status", "sick_leave_percent", "goals", "diagnosis", "subgroup",
                 "referral", "pelvic_belt_when"):
        assert form[name].value() in ("", None), name
    assert not form["pelvic_belt"].value() and not form["satin_sheet"].value()
    assert form["yellow_stopped_activity"].value() == "not_asked"
    assert form["icd10"].value() == "O26.7"  # the default, not last time's code
    assert set(forms.carried) == {"pain_regions", "aggravating", "work_status",
                                  "yellow_stopped_activity", "goals", "pelvic_belt",
                                  "pelvic_belt_when", "satin_sheet"}
    html = page.content.decode()
    seen = timezone.localtime(last.seen_at).date()  # the year only when not this year's
    day = f"{seen:%-d.%-m}" if seen.year == timezone.localdate().year else f"{seen:%-d.%-m.%Y}"
    assert f"Sidst {day}:" in html and "SI-led, venstre, SI-led, højre" in html
    for decision in ("diagnosis", "subgroup", "icd10", "referral"):
        assert f'data-testid="carry-{decision}"' not in html
    assert 'data-testid="carry-all-history"' in html and 'data-testid="carry-all-plan"' in html
    # Pain contexts come back to be scored anew; the tests of last time stand beside them.
    first_pain_form = forms.pain.forms[0]
    assert (first_pain_form.initial["scale"], first_pain_form.initial["context"]) == (
        "vas", "worst_week")
    assert first_pain_form["value"].value() in (None, "")
    test, _info, fields = forms.tests.rows()[0]
    assert test == "gaenslen"  # the test positive last time comes first
    assert fields[0][1].result == "positive_familiar"


def test_follow_up_page_has_the_heading_of_its_kind_and_support_for_what_it_shows(
    alice_client, patient
):
    _last_visit(patient)
    page = _open_follow_up(alice_client, patient)
    assert _heading(page).startswith("Opfølgning · ")
    assert not page.context["support"].prognosis.flags  # last time's yellow flag is not today's
    assert _panel(page) == _support_for_the_page_as_it_is(alice_client, patient, page)
    pregnancy = patient.pregnancies.get()
    pregnancy.delivery_date = timezone.localdate() - datetime.timedelta(days=20)
    pregnancy.edd, pregnancy.delivery_mode = pregnancy.delivery_date, "vaginal"
    pregnancy.save()
    page = _open_follow_up(alice_client, patient, language="en")
    assert page.context["forms"].main["kind"].value() == "postpartum"
    assert _heading(page).startswith("After the birth · ")
    assert "Last " in page.content.decode()


def _page_as_post(forms):
    """What the browser would post for the page as it opened, untouched."""
    data = QueryDict(mutable=True)
    parts = [forms.main, forms.tests, forms.flags, forms.pain.management_form, *forms.pain.forms,
             forms.programme.management_form, *forms.programme.forms]
    for form in parts:
        for field in form:
            value = field.value()
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
                continue
            shown = field.field.widget.format_value(value)  # a list for selects
            if shown is not None:
                data.setlist(field.html_name, [str(v) for v in (
                    shown if isinstance(shown, (list, tuple)) else [shown])])
    return data


def _panel(page):
    html = page.content.decode()
    start = html.index(">", html.index('id="decision-support"')) + 1
    # The panel, its collapsible body and the sticky wrapper close before the aside does.
    return html[start:html.index("</aside>", start)].rsplit("</div>", 3)[0].strip()


def _support_for_the_page_as_it_is(client, patient, page):
    url = reverse("consultations:consultation_support", args=[patient.public_id])
    # dict(lists()): the test client posts a QueryDict's last value only (items()), a browser
    # every checked box.
    response = client.post(url, dict(_page_as_post(page.context["forms"]).lists()),
                           headers={"accept-language": "da"})
    return response.content.decode().strip()


def test_a_draft_opens_with_support_for_what_it_shows(alice_client, patient):
    draft = patient.consultations.get()
    draft.pain_regions = ["sij_left", "sij_right", "symphysis"]
    draft.yellow_flags = {"stopped_activity": "yes", "fear_of_movement": "yes"}
    draft.save()
    PainScore.objects.create(consultation=draft, scale="nrs", context="now", value=8)
    PelvicTestResult.objects.bulk_create([
        PelvicTestResult(consultation=draft, test="p4", side="left", result="positive_familiar"),
        PelvicTestResult(consultation=draft, test="aslr", side="left", aslr_score=2),
        PelvicTestResult(consultation=draft, test="aslr", side="right", aslr_score=1),
    ])
    page = alice_client.get(reverse("consultations:consultation_edit", args=[draft.public_id]))
    panel = _panel(page)
    assert 'data-testid="aslr-total">3<' in panel
    assert panel == _support_for_the_page_as_it_is(alice_client, patient, page)


def _heading(page):
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page.content.decode(), re.S).group(1)
    return re.sub(r"<[^>]+>", "", h1)


def _follow_up_post(**fields):
    return consultation_form_data(kind="follow_up", action="sign",
                                  pain=[("vas", "worst_week", 40)], **fields)


def test_a_follow_up_signed_without_taking_over_states_nothing_of_last_time(
    alice_client, patient
):
    _last_visit(patient)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    response = alice_client.post(url, _follow_up_post(
        pain_regions=["sij_right"], diagnosis="pgp_likely", subgroup="one_sided_sij_right"))
    assert response.status_code == 302
    visit = patient.consultations.order_by("-seen_at").first()
    assert visit.is_signed and visit.kind == "follow_up"
    assert visit.pain_regions == ["sij_right"]
    assert (visit.aggravating, visit.work_status, visit.goals, visit.referral) == ([], "", "", "")
    assert not (visit.pelvic_belt or visit.satin_sheet)
    assert set(visit.yellow_flags.values()) == {"not_asked"}
    assert (visit.confirmed_from_previous, visit.previous_visit_on) == ([], None)
    detail = alice_client.get(visit.get_absolute_url()).content.decode()
    for last_times in ("SI-led, venstre", "Vending i sengen", "Delvis sygemelding",
                       "Gå tur med hunden", "Bækkenbælte", "Satinlagen", "bekræftet"):
        assert last_times not in detail, last_times


def test_taken_over_values_are_stored_and_marked_as_confirmed(alice_client, patient):
    last = _last_visit(patient)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    response = alice_client.post(url, _follow_up_post(
        pain_regions=["sij_right", "sij_left"], aggravating=["stairs"], work_status="partial",
        sick_leave_percent="50", yellow_stopped_activity="yes", diagnosis="pgp_likely",
        referral="physiotherapist",
        # aggravating was changed after taking it over; the decisions are never confirmations
        confirmed_from_previous="pain_regions,aggravating,work_status,yellow_stopped_activity,"
                                "diagnosis,referral",
    ))
    assert response.status_code == 302
    visit = patient.consultations.order_by("-seen_at").first()
    assert visit.confirmed_from_previous == ["pain_regions", "work_status",
                                             "yellow_stopped_activity"]
    assert visit.previous_visit_on == timezone.localtime(last.seen_at).date()
    detail = alice_client.get(visit.get_absolute_url()).content.decode()
    mark = f"(bekræftet fra sidste konsultation {visit.previous_visit_on:%d.%m.%Y})"
    assert detail.count(mark) == 3
    assert f"SI-led, højre, SI-led, venstre <span" in detail
    english = alice_client.get(visit.get_absolute_url(), headers={"accept-language": "en"})
    assert "(confirmed from the last visit, " in english.content.decode()


def test_a_draft_keeps_its_confirmations_and_offers_the_rest_again(alice_client, patient):
    _last_visit(patient)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    alice_client.post(url, consultation_form_data(
        kind="follow_up", goals="Gå tur med hunden", confirmed_from_previous="goals"))
    draft = patient.consultations.order_by("-seen_at").first()
    assert draft.confirmed_from_previous == ["goals"]
    page = alice_client.get(reverse("consultations:consultation_edit", args=[draft.public_id]))
    forms = page.context["forms"]
    assert forms.main["confirmed_from_previous"].value() == "goals"
    assert {"pain_regions", "goals"} <= set(forms.carried)  # still offered, beside the field
    html = page.content.decode()
    assert 'data-testid="carry-goals" data-carry-taken>' in html
    assert 'data-testid="carry-pain_regions">' in html  # not taken over: its button stays
    edit = reverse("consultations:consultation_edit", args=[draft.public_id])
    alice_client.post(edit, consultation_form_data(
        version=draft.version, kind="follow_up", goals="Cykle igen",
        confirmed_from_previous="goals"))
    draft.refresh_from_db()
    assert (draft.goals, draft.confirmed_from_previous, draft.previous_visit_on) == (
        "Cykle igen", [], None)


def test_pgq_entry_is_scored_with_its_version(alice_client, patient):
    visit = patient.consultations.get()
    url = reverse("consultations:pgq_create", args=[visit.public_id])
    response = alice_client.post(url, pgq_post(item_5="na", item_21="1"))
    assert response.status_code == 302
    saved = QuestionnaireResponse.objects.get()
    # activity: 19 answered items of 2 → 38 / 57 = 66.7; symptom: 2,2,2,2,1 → 9/15 = 60.0
    assert (float(saved.activity), float(saved.symptom), saved.answered) == (66.7, 60.0, 24)
    assert saved.scoring_version.startswith("pgq-")
    assert saved.items["5"] is None


@pytest.mark.parametrize("field,value", [("item_3", "4"), ("item_7", "x"),
                                         ("filled_on", "2999-01-01")])
def test_pgq_bad_input_is_a_field_error_and_saves_nothing(alice_client, patient, field, value):
    visit = patient.consultations.get()
    response = alice_client.post(reverse("consultations:pgq_create", args=[visit.public_id]),
                                 pgq_post(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not QuestionnaireResponse.objects.exists()


def _visits(patient, clinician, count):
    pregnancy = patient.pregnancies.get()
    for number in range(count):
        visit = make_consultation(patient, pregnancy, clinician,
                                  seen_at=timezone.now() - datetime.timedelta(days=count - number))
        PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=number % 11)
        PainScore.objects.create(consultation=visit, scale="vas", context="worst_week",
                                 value=(number * 7) % 101)
        PelvicTestResult.objects.bulk_create([
            PelvicTestResult(consultation=visit, test="p4", side="left", result="positive_familiar"),
            PelvicTestResult(consultation=visit, test="aslr", side="left", aslr_score=1),
            PelvicTestResult(consultation=visit, test="aslr", side="right", aslr_score=2),
        ])


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["consultations:progress", "consultations:patient_detail"])
def test_progress_and_patient_page_run_the_same_queries_for_3_and_30_visits(
    alice_client, alice, patient, url_name
):
    url = reverse(url_name, args=[patient.public_id])
    _visits(patient, alice, 2)  # with the fixture's visit: 3
    few = _queries(alice_client, url)
    _visits(patient, alice, 27)
    assert _queries(alice_client, url) == few


def test_progress_shows_the_fall_with_the_important_marker_and_both_pgq_forms(db):
    from django.test import Client

    from clinics.models import User

    seed = load_demo()
    client = Client()
    client.force_login(User.objects.get(username="demo-physio"))
    page = client.get(reverse("consultations:progress", args=[seed.public_id]),
                      headers={"accept-language": "en"})
    progress = page.context["progress"]
    html = page.content.decode()
    assert len(progress.visits) == 4  # the GP's signed visit and three physiotherapy visits
    assert any("VAS" in svg for svg in progress.panels)
    assert "Clinically important change" in html
    assert len(progress.questionnaires) == 2
    _first, changes = progress.questionnaires[1]
    assert any(change.important_ceprnja and change.direction == "better" for _l, change in changes)
    assert 'data-testid="tests-side-by-side"' in html


def test_progress_report_pdf_holds_the_chart_and_the_table(db):
    from io import BytesIO

    from django.test import Client
    from pypdf import PdfReader

    from clinics.models import User

    seed = load_demo()
    client = Client()
    client.force_login(User.objects.get(username="demo-physio"))
    response = client.get(reverse("consultations:progress_pdf", args=[seed.public_id]),
                          headers={"accept-language": "en"})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).split())
    assert "Progress report" in text and "Camilla Holm" in text
    assert "Pelvic tests per visit" in text and "Pelvic Girdle Questionnaire" in text


def test_postpartum_patient_page_suggests_the_review(alice_client, patient):
    pregnancy = patient.pregnancies.get()
    pregnancy.delivery_date = timezone.localdate() - datetime.timedelta(days=100)
    pregnancy.edd = pregnancy.delivery_date
    pregnancy.delivery_mode = "vaginal"
    pregnancy.save()
    visit = patient.consultations.get()
    PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=4)
    page = alice_client.get(patient.get_absolute_url(), headers={"accept-language": "en"})
    advice = page.context["postpartum"]
    assert advice.suggest_physiotherapy_referral
    assert "3 months" in page.content.decode()


def _fixture_visit_a_month_ago(patient):
    patient.consultations.update(seen_at=timezone.now() - datetime.timedelta(days=30))


def test_worklists_show_due_follow_ups_and_pain_that_got_worse(alice_client, alice, patient):
    _fixture_visit_a_month_ago(patient)
    pregnancy = patient.pregnancies.get()
    earlier = make_consultation(patient, pregnancy, alice,
                                seen_at=timezone.now() - datetime.timedelta(days=8))
    PainScore.objects.create(consultation=earlier, scale="nrs", context="now", value=3)
    sign_visit(earlier, alice)
    latest = make_consultation(patient, pregnancy, alice,
                               seen_at=timezone.now() - datetime.timedelta(hours=2),
                               follow_up_on=timezone.localdate() + datetime.timedelta(days=3))
    PainScore.objects.create(consultation=latest, scale="nrs", context="now", value=6)
    page = alice_client.get(reverse("dashboard"))
    assert [card.consultation_id for card in page.context["due"]] == [latest.pk]
    assert not page.context["worse"]  # decided when the later visit is signed
    sign_visit(latest, alice)
    page = alice_client.get(reverse("dashboard"))
    worse = page.context["worse"]
    assert [(card.worse_visit_id, card.worse_score.value, card.worse_from)
            for card in worse] == [(latest.pk, 6, 3)]
    make_consultation(patient, pregnancy, alice, seen_at=timezone.now())  # a later visit
    page = alice_client.get(reverse("dashboard"))
    assert not page.context["due"]  # answers the follow-up
    assert page.context["worse"]  # a visit without scores leaves the comparison as it was


@pytest.mark.parametrize(("before", "after", "worse"), [
    (60, 70, False),  # +10 mm and +17 %: below both VAS thresholds (15 mm, 30 %)
    (60, 75, True),   # +15 mm
    (20, 27, True),   # +7 mm but +35 %
])
def test_worse_follows_the_clinically_important_change(alice_client, alice, patient, before,
                                                       after, worse):
    _fixture_visit_a_month_ago(patient)
    pregnancy = patient.pregnancies.get()
    for days, value in ((8, before), (1, after)):
        visit = make_consultation(patient, pregnancy, alice,
                                  seen_at=timezone.now() - datetime.timedelta(days=days))
        PainScore.objects.create(consultation=visit, scale="vas", context="now", value=value)
        sign_visit(visit, alice)
    page = alice_client.get(reverse("dashboard"))
    assert bool(page.context["worse"]) is worse


def _last_programme(last):
    from education.models import Exercise, ProgrammeItem

    library = list(Exercise.objects.filter(clinic=None).order_by("pk")[:2])
    ProgrammeItem.objects.bulk_create([
        ProgrammeItem(consultation=last, exercise=library[0], position=0, sets=2, reps=8,
                      times_per_day=1, note="Langsomt"),
        ProgrammeItem(consultation=last, exercise=library[1], position=1, sets=1,
                      hold_seconds=30, times_per_day=2),
    ])
    return [{"exercise": str(library[0].pk), "sets": "2", "reps": "8", "hold_seconds": "",
             "times_per_day": "1", "position": "0", "note": "Langsomt"},
            {"exercise": str(library[1].pk), "sets": "1", "reps": "", "hold_seconds": "30",
             "times_per_day": "2", "position": "1", "note": ""}]


def test_last_programme_is_offered_not_filled_in(alice_client, patient):
    rows = _last_programme(_last_visit(patient))
    page = _open_follow_up(alice_client, patient)
    forms = page.context["forms"]
    assert not any(form["exercise"].value() for form in forms.programme.forms)
    offer = forms.carried["programme"]
    assert json.loads(offer.widget_values) == rows
    from education.models import Exercise

    first = Exercise.objects.get(pk=rows[0]["exercise"])
    assert offer.text.startswith(f"{first}: 2 × 8 gentagelser")
    assert 'data-testid="carry-programme"' in page.content.decode()


@pytest.mark.parametrize(("change", "confirmed"), [
    ({}, ["programme"]),
    ({"sets": "3"}, []),  # adjusted after taking it over: today's own programme
])
def test_a_programme_taken_over_is_confirmed_only_as_it_was(alice_client, patient, change,
                                                             confirmed):
    rows = _last_programme(_last_visit(patient))
    rows[0].update(change)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    response = alice_client.post(url, consultation_form_data(
        kind="follow_up", programme=rows, confirmed_from_previous="programme"))
    assert response.status_code == 302
    visit = patient.consultations.order_by("-seen_at").first()
    assert visit.programme_items.count() == 2
    assert visit.confirmed_from_previous == confirmed


@pytest.mark.parametrize("listed", ["x" * 5000, "pain_regions," * 500, "<script>", "goals,goals"])
def test_a_tampered_list_of_confirmed_fields_is_never_an_error(alice_client, patient, listed):
    _last_visit(patient)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    response = alice_client.post(url, consultation_form_data(
        kind="follow_up", goals="Gå tur med hunden", confirmed_from_previous=listed))
    assert response.status_code == 302
    visit = patient.consultations.order_by("-seen_at").first()
    assert visit.confirmed_from_previous == (["goals"] if "goals" in listed else [])
