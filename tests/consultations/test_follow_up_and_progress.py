"""Follow-ups start from the last visit; progress shows pain, ASLR and PGQ over the weeks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse
from consultations.demo import load_demo

from ..factories import make_consultation


def pgq_post(value="2", **overrides):
    data = {"filled_on": timezone.localdate().isoformat(),
            **{f"item_{n}": value for n in range(1, 26)}}
    data.update(overrides)
    return data


def test_follow_up_is_prefilled_from_the_last_visit(alice_client, alice, patient):
    last = patient.consultations.get()
    last.pain_regions = ["sij_left"]
    last.save()
    PainScore.objects.create(consultation=last, scale="vas", context="worst_week", value=70)
    PelvicTestResult.objects.create(consultation=last, test="gaenslen", side="left",
                                    result="positive_familiar")
    page = alice_client.get(reverse("consultations:consultation_create", args=[patient.public_id]))
    forms = page.context["forms"]
    assert forms.main.initial["kind"] == "follow_up"
    assert forms.main.initial["pain_regions"] == ["sij_left"]
    first_pain_form = forms.pain.forms[0]
    assert (first_pain_form.initial["scale"], first_pain_form.initial["context"]) == (
        "vas", "worst_week")
    assert first_pain_form["value"].value() in (None, "")  # re-scored, not copied
    test, _info, fields = forms.tests.rows()[0]
    assert test == "gaenslen"  # the test positive last time comes first
    assert fields[0][1].result == "positive_familiar"


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
    latest = make_consultation(patient, pregnancy, alice,
                               seen_at=timezone.now() - datetime.timedelta(hours=2),
                               follow_up_on=timezone.localdate() + datetime.timedelta(days=3))
    PainScore.objects.create(consultation=latest, scale="nrs", context="now", value=6)
    page = alice_client.get(reverse("dashboard"))
    assert [visit.pk for visit in page.context["due"]] == [latest.pk]
    worse = page.context["worse"]
    assert [(visit.pk, score.value, old) for visit, score, old in worse] == [(latest.pk, 6, 3)]


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
    page = alice_client.get(reverse("dashboard"))
    assert bool(page.context["worse"]) is worse
