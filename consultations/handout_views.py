"""Handouts from a consultation: an HTML print preview and a PDF, in Danish or English."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from education.handouts import LANGUAGES, TEMPLATE_VERSIONS, record_handout
from education.handouts import render_handout_html, render_handout_pdf

from .access import get_consultation_for
from .pdf_download import pdf_download, pdf_filename


def _checked(request, kind):
    """The document kind and language from allowlists; anything else is a 404."""
    language = request.GET.get("lang", "da")
    if kind not in TEMPLATE_VERSIONS or language not in LANGUAGES:
        raise Http404
    return kind, language


@require_GET
def handout_preview(request, public_id, kind):
    consultation = get_consultation_for(request, public_id)
    kind, language = _checked(request, kind)
    return HttpResponse(render_handout_html(consultation, kind, language))


@require_GET
def handout_pdf(request, public_id, kind):
    consultation = get_consultation_for(request, public_id)
    kind, language = _checked(request, kind)
    name = pdf_filename(kind, timezone.localtime(consultation.seen_at), consultation.public_id,
                        language)
    response = pdf_download(request, lambda: render_handout_pdf(consultation, kind, language),
                            name, back=consultation.get_absolute_url())
    if response.status_code == 200:  # the journal records only a document she was given
        record_handout(consultation=consultation, kind=kind, language=language, by=request.user)
    return response
