"""Every portal form under random, oversized, unicode and control-character input (hypothesis):
a page with field errors or a redirect, never a 500, and nothing half-saved: no report unless
all of it is stored, and her saved answers only ever hold values within range."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments.scoring import ALL_ITEMS
from portal import workflows
from portal.forms import BirthDateForm
from portal.models import (
    CheckAttempt,
    PatientReport,
    QuestionnaireLink,
    ReportedActivity,
    ReportedPain,
)
from tests.factories import make_pgq_wording, make_questionnaire_link

FUZZ = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=1500)
NUMBERISH = st.one_of(TEXT.map(lambda t: t[:20]), st.integers(-10**6, 10**6).map(str),
                      st.just(""), st.sampled_from(["0", "3", "10", "11", "-1", "1e3", " 4 "]))
GO = st.sampled_from(["next", "back", "keep", "", "sideways"])
BORN = {"day": "17", "month": "5", "year": "1993"}


def stored():
    return [model.objects.count() for model in (PatientReport, ReportedPain, ReportedActivity)]


def post(client, url, data):
    before = stored()
    response = client.post(url, data)
    assert response.status_code in (200, 204, 302), response.status_code
    if response.status_code == 200:
        assert response.context["form"].errors  # refused with field errors, shown to her
    return response, before


def assert_saved_answers_in_range(link):
    saved = workflows.saved_answers(link)
    assert all(type(v) is int and 0 <= v <= 10 for v in (saved.get("pain") or {}).values())
    assert all(v is None or v in (0, 1, 2, 3) for v in (saved.get("pgq") or {}).values())
    for row in saved.get("psfs") or []:
        assert 0 < len(row["activity"]) <= 100 and row["score"] in (None, *range(11))
    assert len(saved.get("hardest", "")) <= 1000


@pytest.fixture
def her(link):
    client = Client()
    assert client.post(reverse("portal:check", args=[link.token]), BORN).status_code == 302
    return client


@given(day=NUMBERISH, month=NUMBERISH, year=NUMBERISH)
@example(day="17", month="5", year="1993")
@example(day="31", month="2", year="1993")
@FUZZ
def test_birth_date_form_never_fails(pregnancy, alice, day, month, year):
    CheckAttempt.objects.all().delete()  # each example its own fresh link and address budget
    link = make_questionnaire_link(pregnancy, alice)
    response = Client().post(reverse("portal:check", args=[link.token]),
                             {"day": day, "month": month, "year": year})
    assert response.status_code in (200, 302), response.status_code
    link.refresh_from_db()
    if response.status_code == 302:  # only her birth date passes, however it was typed
        form = BirthDateForm({"day": day, "month": month, "year": year})
        assert form.is_valid() and form.cleaned_data["born"] == datetime.date(1993, 5, 17)
        assert link.verified_at is not None and link.failed_checks == 0
    else:
        assert response.context["form"].errors and link.failed_checks <= 1
    assert "Karen" not in response.content.decode()


@given(values=st.lists(NUMBERISH, min_size=4, max_size=4), extra=TEXT, go=GO)
@example(values=["3", "4", "5", "6"], extra="", go="next")
@FUZZ
def test_pain_step_never_fails_or_half_saves(her, link, values, extra, go):
    names = [f"{a}__{m}" for a in link.contexts for m in ("now", "worst_week")]
    data = {**dict(zip(names, values, strict=True)), "go": go, extra[:40] or "x": extra}
    response, before = post(her, reverse("portal:pain", args=[link.token]), data)
    assert stored() == before  # a step never makes a report
    assert_saved_answers_in_range(link)
    if values == ["3", "4", "5", "6"]:
        assert response.status_code == 302


@pytest.fixture
def pgq_link(link, clinic, alice):
    make_pgq_wording(clinic, alice)
    QuestionnaireLink.objects.filter(pk=link.pk).update(include_pgq=True)
    return link


@given(items=st.dictionaries(st.sampled_from(ALL_ITEMS), NUMBERISH, max_size=25), go=GO)
@example(items={n: "2" for n in ALL_ITEMS}, go="next")
@FUZZ
def test_pgq_step_never_fails_or_half_saves(pgq_link, her, items, go):
    link = pgq_link
    data = {f"item_{number}": value for number, value in items.items()}
    response, before = post(her, reverse("portal:pgq", args=[link.token]), {**data, "go": go})
    assert stored() == before
    assert_saved_answers_in_range(link)


@given(texts=st.lists(TEXT, min_size=3, max_size=3), scores=st.lists(NUMBERISH, min_size=3,
                                                                       max_size=3), go=GO)
@example(texts=["Bære", "", ""], scores=["5", "", ""], go="next")
@FUZZ
def test_activities_step_never_fails_or_half_saves(her, link, texts, scores, go):
    data = {"go": go}
    for position, (text, score) in enumerate(zip(texts, scores, strict=True), start=1):
        data[f"activity_{position}"], data[f"score_{position}"] = text, score
    response, before = post(her, reverse("portal:activities", args=[link.token]), data)
    assert stored() == before
    assert_saved_answers_in_range(link)
    if texts == ["Bære", "", ""] and scores == ["5", "", ""] and go == "next":
        assert response.status_code == 302


@given(hardest=TEXT, go=GO)
@example(hardest=" Nætterne \x07 👶 ", go="next")
@example(hardest="x" * 1001, go="next")
@FUZZ
def test_last_step_sends_all_of_it_or_nothing(her, link, hardest, go):
    ready = {"pain": {f"{a}__{m}": 4 for a in link.contexts for m in ("now", "worst_week")},
             "psfs": [{"activity": "Gå", "score": 3}]}
    workflows.save_draft(link=link, answers=ready)
    response, before = post(her, reverse("portal:hardest", args=[link.token]),
                            {"hardest": hardest, "go": go})
    after = stored()
    sent = response.status_code == 302 and response["Location"].endswith("/thanks/")
    if sent:
        assert after == [before[0] + 1, before[1] + len(ready["pain"]), before[2] + 1]
        assert PatientReport.objects.latest("pk").hardest == hardest.strip()
    else:
        assert after == before
        assert_saved_answers_in_range(link)
    if len(hardest.strip()) <= 1000 and "\x00" not in hardest and go not in ("back", "keep"):
        assert sent
