"""A PGQ entered after signing is a dated, signed addition below the locked original
(issue 10.7), on the page, in the record PDF, and still on the progress chart."""

import re

from django.urls import reverse
from django.utils import timezone

from assessments.models import QuestionnaireResponse

from ..pdf_text import pdf_text

EN = {"accept-language": "en"}


def pgq_post(value="2"):
    return {"filled_on": timezone.localdate().isoformat(),
            **{f"item_{n}": value for n in range(1, 26)}}


def sign(visit, by):
    visit.status, visit.signed_by, visit.signed_at = "signed", by, timezone.now()
    visit.save()
    return visit


def section(html, testid):
    """The text of the element marked data-testid=…, up to its next sibling card/section."""
    start = html.index(f'data-testid="{testid}"')
    return html[start:html.index("</section>", start)]


def test_a_pgq_at_the_visit_is_part_of_the_record(alice_client, alice, patient):
    visit = patient.consultations.get()
    url = reverse("consultations:pgq_create", args=[visit.public_id])
    assert alice_client.post(url, pgq_post("1")).status_code == 302
    saved = QuestionnaireResponse.objects.get()
    assert not saved.added_after_signing
    sign(visit, alice)
    html = alice_client.get(visit.get_absolute_url(), headers=EN).content.decode()
    assert "(25/25)" in section(html, "pgq-at-visit")
    assert 'data-testid="pgq-addition"' not in html


def test_a_pgq_after_signing_is_a_dated_signed_addition(alice_client, alice, patient):
    visit = sign(patient.consultations.get(), alice)
    url = reverse("consultations:pgq_create", args=[visit.public_id])
    form_page = alice_client.get(url, headers=EN).content.decode()
    assert "The questionnaire is added below the original" in form_page

    response = alice_client.post(url, pgq_post("3"), headers=EN, follow=True)

    saved = QuestionnaireResponse.objects.get()
    assert saved.added_after_signing and saved.recorded_by == alice
    visit.refresh_from_db()
    assert visit.is_signed and visit.version == 1  # the original is untouched
    html = response.content.decode()
    assert "added after the signed record" in html
    locked = html[html.index("Original record (locked)"):html.index('data-testid="pgq-at-visit"')]
    assert "total 100" not in locked
    assert "None entered at this visit." in section(html, "pgq-at-visit")
    addition = html[html.index('data-testid="pgq-addition"'):]
    when = timezone.localtime(saved.recorded_at)
    assert re.search(rf"Added and signed by {alice}, .*{when.year}", addition)
    assert "total 100.0" in addition
    order = [html.index("Original record (locked)"),
             html.index("Questionnaires added after signing"),
             html.index('data-testid="pgq-addition"')]
    assert order == sorted(order)


def test_the_record_pdf_and_progress_keep_the_addition(alice_client, alice, patient):
    visit = sign(patient.consultations.get(), alice)
    url = reverse("consultations:pgq_create", args=[visit.public_id])
    assert alice_client.post(url, pgq_post("3")).status_code == 302
    response = alice_client.get(reverse("consultations:record_pdf", args=[patient.public_id]),
                                headers=EN)
    text = " ".join(pdf_text(response.content).split())
    assert "Questionnaire added after signing" in text and str(alice) in text
    assert text.index("Questionnaire added after signing") < text.index("total 100.0")
    page = alice_client.get(reverse("consultations:progress", args=[patient.public_id]))
    assert page.status_code == 200
    assert len(page.context["progress"].questionnaires) == 1  # still on her progress chart


def test_only_the_own_clinic_may_add_after_signing(bob_client, alice, patient):
    visit = sign(patient.consultations.get(), alice)
    url = reverse("consultations:pgq_create", args=[visit.public_id])
    assert bob_client.post(url, pgq_post()).status_code == 404
    assert not QuestionnaireResponse.objects.exists()
