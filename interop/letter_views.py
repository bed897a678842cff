"""The referral and discharge letters as a page (plain text to copy) and as a PDF."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from consultations.access import get_patient_for, get_pregnancy_for, get_referral_for
from consultations.models import Consultation, Referral
from consultations.pdf_download import pdf_download, pdf_filename
from education.pdf import render_pdf

from .letters import discharge_letter, referral_letter

LANGUAGES = ("da", "en")  # the letter's language; Danish unless asked otherwise
PARTS = ("pain_scores", "test_results", "red_flag_answers", "questionnaires",
         "programme_items__exercise")


def _language(request):
    language = request.GET.get("lang", "da")
    if language not in LANGUAGES:
        raise Http404
    return language


def _signed_visits(viewer, **filters):
    """Signed consultations the clinic may see, with every part the letters read (a fixed
    number of queries, whatever their number), oldest first."""
    return (Consultation.objects.for_clinic(viewer).filter(status=Consultation.Status.SIGNED,
                                                           **filters)
            .select_related("clinician").prefetch_related(*PARTS).order_by("seen_at", "pk"))


def _referral_letter(request, public_id, language):
    """The referral, her details and its letter. The receiving clinic reads it while the
    referral is open; after it closed, the sender's notes are no longer its to see (404)."""
    referral = get_referral_for(request, public_id)
    if referral.to_clinic_id == request.clinic.pk and not referral.is_open:
        raise Http404
    patient = get_patient_for(request, referral.pregnancy.patient.public_id)
    visits = _signed_visits(request.clinic, pregnancy=referral.pregnancy,
                            clinic=referral.from_clinic_id, seen_at__lte=referral.created_at)
    with translation.override(language):
        letter = referral_letter(referral=referral, patient=patient, visits=visits)
    return referral, patient, letter


def _discharge_letter(request, public_id, pregnancy_id, language):
    """Her discharge letter from the current clinic's own signed consultations in the
    pregnancy (its journal outlives a closed referral), to the clinic that referred her."""
    patient = get_patient_for(request, public_id)
    pregnancy = get_pregnancy_for(request, patient, pregnancy_id)
    referral = (Referral.objects.filter(pregnancy=pregnancy, to_clinic=request.clinic)
                .select_related("from_clinic", "created_by").order_by("-created_at").first())
    visits = _signed_visits(request.clinic, pregnancy=pregnancy, clinic=request.clinic)
    with translation.override(language):
        letter = discharge_letter(clinic=request.clinic, patient=patient, pregnancy=pregnancy,
                                  visits=visits, referral=referral, today=timezone.localdate())
    return patient, letter


def _page(request, letter, patient, *, standard, pdf_url, language):
    return render(request, "interop/letters_page.html", {
        "letter": letter, "text": letter.as_text(), "patient": patient, "standard": standard,
        "pdf_url": pdf_url, "letter_language": language, "letter_languages": LANGUAGES,
    })


def _pdf(request, letter, patient, name, back):
    html = render_to_string("interop/letters_pdf.html", {
        "letter": letter, "patient": patient, "clinic": request.clinic,
        "today": timezone.localdate()})
    return pdf_download(request, lambda: render_pdf(html), name, back=back)


@require_GET
def referral_letter_page(request, public_id):
    language = _language(request)
    referral, patient, letter = _referral_letter(request, public_id, language)
    url = reverse("interop:referral_letter_pdf", args=[public_id])
    return _page(request, letter, patient, standard="REF07", pdf_url=f"{url}?lang={language}",
                 language=language)


@require_GET
def referral_letter_pdf(request, public_id):
    language = _language(request)
    referral, patient, letter = _referral_letter(request, public_id, language)
    name = pdf_filename("referral", timezone.localtime(referral.created_at), referral.public_id,
                        language)
    return _pdf(request, letter, patient, name, back=patient.get_absolute_url())


@require_GET
def discharge_letter_page(request, public_id, pregnancy_id):
    language = _language(request)
    patient, letter = _discharge_letter(request, public_id, pregnancy_id, language)
    url = reverse("interop:discharge_letter_pdf", args=[public_id, pregnancy_id])
    return _page(request, letter, patient, standard="DIS08", pdf_url=f"{url}?lang={language}",
                 language=language)


@require_GET
def discharge_letter_pdf(request, public_id, pregnancy_id):
    language = _language(request)
    patient, letter = _discharge_letter(request, public_id, pregnancy_id, language)
    name = pdf_filename("discharge", timezone.localdate(), pregnancy_id, language)
    return _pdf(request, letter, patient, name, back=patient.get_absolute_url())
