"""What she reads carries no developer text: the template version of a handout is kept in the
record of the handout given, not printed on her paper (issue 15)."""

import pytest
from django.urls import reverse

from consultations.models import Consultation
from education.handouts import TEMPLATE_VERSIONS, render_handout_html

from ..pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", sorted(TEMPLATE_VERSIONS))
@pytest.mark.parametrize("language", ["da", "en"])
def test_no_template_version_on_her_paper(patient, kind, language):
    consultation = Consultation.objects.get(patient=patient)
    html = render_handout_html(consultation, kind, language)
    assert TEMPLATE_VERSIONS[kind] not in html
    assert "Skabelon " not in html


def test_the_version_stays_in_the_record_of_the_handout_given(alice_client, patient):
    consultation = Consultation.objects.get(patient=patient)
    url = reverse("consultations:handout_pdf", args=[consultation.public_id, "programme"])
    response = alice_client.post(url, {"lang": "da"})
    assert TEMPLATE_VERSIONS["programme"] not in pdf_text(response.content)
    assert consultation.handouts.get().template_version == TEMPLATE_VERSIONS["programme"]
