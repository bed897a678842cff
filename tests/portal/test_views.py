import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import workflows
from portal.models import PatientReport, QuestionnaireLink
from tests.factories import make_patient, make_pgq_wording, make_pregnancy, make_questionnaire_link

BORN = {"day": "17", "month": "5", "year": "1993"}
WRONG = {"day": "18", "month": "5", "year": "1993"}


def url(link, name=None):
    if name is None:
        return reverse("portal:check", args=[link.token])
    return reverse(f"portal:{name}", args=[link.token])


@pytest.fixture
def her(link):
    """A browser that has passed the check of `link`."""
    client = Client()
    response = client.post(url(link), BORN)
    assert response.status_code == 302
    return client


def pain_data(link, value=4):
    return {f"{a}__{m}": str(value) for a in link.contexts for m in ("now", "worst_week")}


def answer_all(client, link, value=4, hardest=""):
    assert client.post(url(link, "pain"), pain_data(link, value)).status_code == 302
    client.post(url(link, "activities"), {"activity_1": "Bære indkøb", "score_1": "5"})
    return client.post(url(link, "hardest"), {"hardest": hardest})


def test_the_check_page_shows_nothing_about_her(client, link, patient, clinic):
    response = client.get(url(link))
    page = response.content.decode()
    assert response.status_code == 200
    for secret in (patient.first_name, patient.last_name, patient.cpr, clinic.name, "1993"):
        assert secret not in page
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_questions_are_not_shown_before_the_check(client, link):
    for name in ("pain", "activities", "hardest", "thanks"):
        response = client.get(url(link, name))
        assert response.status_code == 302 and response["Location"] == url(link)


def test_passing_the_check_shows_only_her_first_name(her, link, patient):
    page = her.get(url(link, "pain")).content.decode()
    assert patient.first_name in page and patient.last_name not in page
    assert patient.cpr not in page and patient.cpr[:6] not in page


def test_wrong_birth_date_says_how_many_tries_are_left(client, link):
    response = client.post(url(link), WRONG)
    assert response.status_code == 200
    assert "2" in response.context["form"].non_field_errors()[0]


def test_third_wrong_birth_date_locks_and_shows_only_the_phone(client, link, clinic, patient):
    clinic.phone = "33 44 55 66"
    clinic.save()
    client.post(url(link), WRONG)
    client.post(url(link), WRONG)
    response = client.post(url(link), WRONG)
    page = response.content.decode()
    assert response.status_code == 410 and "33 44 55 66" in page
    assert patient.first_name not in page and clinic.name not in page
    assert client.post(url(link), BORN).status_code == 410  # the right date no longer helps


def test_a_date_that_does_not_exist_is_a_field_error_not_an_attempt(client, link):
    response = client.post(url(link), {"day": "31", "month": "2", "year": "1993"})
    assert response.status_code == 200 and response.context["form"].errors
    link.refresh_from_db()
    assert link.failed_checks == 0


def test_unknown_token_is_a_generic_404(client, link, clinic):
    for token in ("x" * 43, "nonsense", link.token[:-2] + "zz"):
        response = client.get(reverse("portal:check", args=[token]))
        assert response.status_code == 404
        assert clinic.name not in response.content.decode()


@pytest.mark.parametrize("how", ["expired", "revoked"])
def test_a_closed_link_shows_the_phone_even_after_the_check(her, link, alice, clinic, how):
    clinic.phone = "70 20 30 40"
    clinic.save()
    if how == "expired":
        QuestionnaireLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    else:
        workflows.revoke_link(link=link, by=alice)
    for page_url in (url(link), url(link, "pain")):
        response = her.get(page_url)
        assert response.status_code == 410 and "70 20 30 40" in response.content.decode()
        assert "Karen" not in response.content.decode()


def test_the_check_of_one_link_does_not_open_another(her, link, clinic, alice):
    woman = make_patient(clinic, first_name="Ida")
    other = make_questionnaire_link(make_pregnancy(woman), alice)
    response = her.get(url(other, "pain"))
    assert response.status_code == 302 and response["Location"] == url(other)


def test_answers_are_kept_and_shown_again_after_the_page_was_closed(her, link):
    her.post(url(link, "pain"), pain_data(link, 7))
    fresh = Client()  # she closed the browser: the check again, then her answers
    response = fresh.post(url(link), BORN)
    assert response["Location"] == url(link, "activities")
    page = fresh.get(url(link, "pain")).content.decode()
    assert page.count('value="7" checked') == len(link.contexts) * 2


def test_a_step_with_missing_answers_keeps_the_valid_ones(her, link):
    data = pain_data(link, 6)
    data.pop(f"{link.contexts[0]}__now")
    response = her.post(url(link, "pain"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"{link.contexts[0]}__now": ["Vælg et tal fra 0 til 10."]}
    saved = workflows.saved_answers(link)["pain"]
    assert len(saved) == len(data) and f"{link.contexts[0]}__now" not in saved


def test_sending_makes_one_report_and_thanks_her_without_scores(her, link):
    response = answer_all(her, link, hardest="Nætterne")
    assert response.status_code == 302 and response["Location"] == url(link, "thanks")
    report = PatientReport.objects.get()
    assert report.hardest == "Nætterne" and report.psfs_rows.get().score == 5
    page = her.get(url(link, "thanks")).content.decode()
    assert "Karen" in page and "Bære indkøb" not in page and "Nætterne" not in page


def test_skipping_a_step_by_address_sends_her_back_to_it(her, link):
    response = her.post(url(link, "hardest"), {"hardest": ""})
    assert response["Location"] == url(link, "pain") + "?missing=1"
    assert not PatientReport.objects.exists()
    page = her.get(response["Location"])
    assert page.context["form"].errors


def test_back_keeps_what_she_wrote(her, link):
    response = her.post(url(link, "activities"), {"activity_1": "Gå tur", "go": "back"})
    assert response["Location"] == url(link, "pain")
    assert workflows.saved_answers(link)["psfs"] == [{"activity": "Gå tur", "score": None}]


def test_pgq_is_offered_only_with_the_clinics_wording_in_her_language(client, pregnancy, alice, clinic):
    make_pgq_wording(clinic, alice, language="da")
    link = make_questionnaire_link(pregnancy, alice, include_pgq=True)
    client.post(url(link), BORN)
    client.post(url(link, "pain"), pain_data(link))
    assert client.get(url(link, "pgq")).status_code == 200
    page = client.get(url(link, "pgq")).content.decode()
    assert "Spørgsmål 25" in page
    client.cookies["django_language"] = "en"
    assert client.get(url(link, "pgq")).status_code == 404  # no English wording loaded


def test_pgq_answers_are_scored_on_sending(client, pregnancy, alice, clinic):
    make_pgq_wording(clinic, alice)
    link = make_questionnaire_link(pregnancy, alice, include_pgq=True)
    client.post(url(link), BORN)
    client.post(url(link, "pain"), pain_data(link))
    client.post(url(link, "pgq"), {f"item_{n}": "2" for n in range(1, 26)})
    answer_all(client, link)
    assert float(PatientReport.objects.get().pgq_total) == 66.7


def test_a_link_without_pgq_never_shows_the_pgq_step(her, link, clinic, alice):
    make_pgq_wording(clinic, alice)
    assert her.get(url(link, "pgq")).status_code == 404


def test_portal_pages_never_take_other_methods(her, link):
    for name in (None, "pain", "thanks"):
        assert her.put(url(link, name)).status_code == 405
    assert her.post(url(link, "thanks")).status_code == 405


def test_english_switch_keeps_her_place(her, link):
    response = her.post(reverse("set_language"), {"language": "en", "next": url(link, "pain")})
    assert response["Location"] == url(link, "pain")
    assert "How much does it hurt now?" in her.get(url(link, "pain")).content.decode()


def test_an_expired_link_forgets_her_unsent_answers_when_opened(her, link):
    her.post(url(link, "pain"), pain_data(link))
    QuestionnaireLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert her.get(url(link, "activities")).status_code == 410
    assert workflows.saved_answers(link) == {}


def test_answers_kept_in_the_background_stay_on_the_step(her, link):
    response = her.post(url(link, "pain"), {**pain_data(link, 2), "go": "keep"})
    assert response.status_code == 204
    assert workflows.saved_answers(link)["reached"] == "pain"
    assert workflows.saved_answers(link)["pain"] == {k: 2 for k in pain_data(link)}
    assert her.post(url(link, "hardest"), {"hardest": "x", "go": "keep"}).status_code == 204
    assert not PatientReport.objects.exists()  # keeping the last step never sends it
