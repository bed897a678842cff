"""The documents a clinician hands over: her programme, a summary and a referral letter.

Rendering takes the consultation it prints as an argument (this app imports nothing of ours).
The same HTML is the browser preview and the PDF.
"""

from django.template.loader import render_to_string
from django.utils import translation

from .models import EducationTopic, HandoutIssued
from .pdf import render_pdf

LANGUAGES = ("da", "en")
# Bump a version whenever its template's wording or layout changes: the journal records it.
TEMPLATE_VERSIONS = {
    HandoutIssued.Kind.PROGRAMME: "programme-2026.11.26",
    HandoutIssued.Kind.SUMMARY: "summary-2026.11.26",
    HandoutIssued.Kind.REFERRAL: "referral-2026.12.02",  # neutral subgroup label (issue 13)
}
SEEK_HELP = "seek_help"


def handout_context(consultation, kind, language):
    """Everything a handout template prints, looked up in a fixed number of queries."""
    topics = list(EducationTopic.objects.for_clinic(consultation.clinic))
    by_message = {topic.key_message: topic for topic in topics}
    chosen = [by_message[code] for code in consultation.education_given
              if code in by_message and code != SEEK_HELP]
    return {
        "consultation": consultation,
        "patient": consultation.patient,
        "clinic": consultation.clinic,
        "items": list(consultation.programme_items.all()),
        "topics": chosen,
        "seek_help": by_message.get(SEEK_HELP),
        "kind": kind,
        "language": language,
        "template_version": TEMPLATE_VERSIONS[kind],
    }


def render_handout_html(consultation, kind, language, questionnaire=None):
    """The handout as a complete HTML document in the given language; questionnaire: her
    questionnaire link to print on it (portal/clinician_views.py printed_link), or None."""
    with translation.override(language):
        return render_to_string(
            f"education/handouts/{kind}.html",
            {**handout_context(consultation, kind, language), "questionnaire": questionnaire},
        )


def render_handout_pdf(consultation, kind, language, questionnaire=None):
    return render_pdf(render_handout_html(consultation, kind, language, questionnaire))


def record_handout(*, consultation, kind, language, by):
    """Write in the journal which document, language and template version was given."""
    return HandoutIssued.objects.create(
        consultation=consultation, kind=kind, language=language,
        template_version=TEMPLATE_VERSIONS[kind], issued_by=by,
    )
