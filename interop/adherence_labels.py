"""What each figure of the adherence report is called and how it is defined, in words."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.catalogue import PainContext, PainScale

CRITERION_LABELS = {
    "p4_aslr": gettext_lazy("P4 and ASLR recorded on both sides"),
    "symphysis": gettext_lazy("Symphysis test when anterior pain was reported"),
    "red_flags": gettext_lazy("Red-flag screen complete"),
    "education": gettext_lazy("Education given"),
    "programme": gettext_lazy("Home programme given"),
    "follow_up": gettext_lazy("Follow-up within 4 weeks"),
    "pgq": gettext_lazy("PGQ recorded at the first and the last visit"),
}

CRITERION_DEFINITIONS = {
    "p4_aslr": gettext_lazy("P4 with a result and ASLR scored, each on the left and the right."),
    "symphysis": gettext_lazy(
        "Of the first consultations with pain at the symphysis: symphysis palpation or the "
        "modified Trendelenburg test with a result."),
    "red_flags": gettext_lazy(
        "Every red-flag item answered (absent or present), each present one with its action."),
    "education": gettext_lazy("At least one education topic ticked as given."),
    "programme": gettext_lazy("At least one exercise in her home programme."),
    "follow_up": gettext_lazy(
        "A later signed consultation of the episode in the clinic within 28 days. First "
        "consultations less than 28 days ago without one yet are not counted."),
    "pgq": gettext_lazy(
        "Of the episodes with a later visit: a PGQ at the first visit and at the last visit."),
}


def outcome_label(outcome):
    """'NRS, worst in the last week' for a pain outcome; 'PGQ total' for the questionnaire."""
    if outcome.scale == "pgq":
        return _("PGQ total (0–100)")
    return _("%(scale)s, %(context)s") % {
        "scale": PainScale(outcome.scale).label,
        "context": str(PainContext(outcome.context).label).lower()}
