"""Hostile input on the clinician's portal forms (making a link, confirming her answers, marking
them seen): field errors or a redirect, never a 500, never a half-made link."""

from urllib.parse import quote

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from portal.models import PatientReport, QuestionnaireLink
from tests.test_hostile_input import FUZZ, TEXT

CONTEXTS = st.lists(st.one_of(TEXT, st.sampled_from(["walking", "stairs", "turning_in_bed"])),
                    max_size=8)


@given(contexts=CONTEXTS, include_pgq=st.one_of(TEXT, st.just("on")))
@FUZZ
def test_making_a_link_never_fails(alice_client, patient, contexts, include_pgq):
    before = QuestionnaireLink.objects.count()
    response = alice_client.post(reverse("portal:link_new", args=[patient.public_id]),
                                 {"contexts": contexts, "include_pgq": include_pgq})
    assert response.status_code in (200, 302), response.status_code
    made = QuestionnaireLink.objects.count() - before
    if response.status_code == 200:
        assert made == 0 and response.context["form"].errors
    else:
        assert made == 1
        link = QuestionnaireLink.objects.latest("pk")
        assert set(link.contexts) == set(contexts) and not link.include_pgq  # no wording loaded


@given(value=TEXT, seen_id=TEXT)
@FUZZ
def test_odd_report_ids_are_404s_or_nothing(alice_client, patient, value, seen_id):
    response = alice_client.post(
        reverse("consultations:consultation_create", args=[patient.public_id]),
        {"confirm_report": value})
    assert response.status_code in (200, 302)
    assert not PatientReport.objects.filter(confirmed_in__isnull=False).exists()
    url = f"/patients/{patient.public_id}/reports/{quote(seen_id, safe='')}/seen/"
    assert alice_client.post(url).status_code in (404, 400)
