"""Handouts from a consultation: an HTML print preview and a PDF, in Danish or English."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from education.handouts import LANGUAGES, TEMPLATE_VERSIONS, record_handout
from education.handouts import render_handout_html, render_handout_pdf

from clinics.permissions import Action
from education.models import HandoutIssued
from portal.clinician_views import handout_link, printed_link
from portal.workflows import mark_sent

from .access import get_consultation_for, require_may, require_own_consultation
from .pdf_download import pdf_download, pdf_filename


def _checked(request, kind):
    """The document kind and language from allowlists; anything else is a 404."""
    language = (request.POST if request.method == "POST" else request.GET).get("lang", "da")
    if kind not in TEMPLATE_VERSIONS or language not in LANGUAGES:
        raise Http404
    return kind, language


@require_GET
def handout_preview(request, public_id, kind):
    consultation = get_consultation_for(request, public_id)
    kind, language = _checked(request, kind)
    return HttpResponse(render_handout_html(consultation, kind, language))


@require_http_methods(["GET", "HEAD", "POST"])
def handout_pdf(request, public_id, kind):
    """GET only renders the document. Giving it to her is a POST by the clinic that wrote the
    consultation, which also writes it in the journal (a followed link never writes)."""
    consultation = get_consultation_for(request, public_id)
    kind, language = _checked(request, kind)
    link = None
    if request.method == "POST":
        require_own_consultation(request, consultation)
        require_may(request, Action.GIVE_HANDOUT)
        if request.POST.get("print_link") and kind == HandoutIssued.Kind.PROGRAMME:
            link = handout_link(request, consultation)  # her questionnaire link, printed
    printed = printed_link(request, link) if link else None
    name = pdf_filename(kind, timezone.localtime(consultation.seen_at), consultation.public_id,
                        language)
    response = pdf_download(
        request, lambda: render_handout_pdf(consultation, kind, language, printed), name,
        back=consultation.get_absolute_url())
    if request.method == "POST" and response.status_code == 200:  # only a document she got
        record_handout(consultation=consultation, kind=kind, language=language, by=request.user)
        if link:
            mark_sent(link=link)
    return response
