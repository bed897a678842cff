"""Her last clinician-recorded values in an episode: what P1 compares her answers with."""

from assessments.models import PainScore, QuestionnaireResponse
from consultations.models import Consultation


def last_recorded(*, pregnancy_id, clinic):
    """({(scale, context): value} of the episode's last signed visit with pain scores that the
    clinic may see, the last PGQ a clinician entered in it as a PgqScore or None). Three
    queries at most."""
    visits = Consultation.objects.for_clinic(clinic).filter(
        pregnancy_id=pregnancy_id, status=Consultation.Status.SIGNED)
    last = (visits.filter(pain_scores__isnull=False).order_by("-seen_at", "-pk")
            .values_list("pk", flat=True).first())
    pain = {} if last is None else {
        (scale, context): value for scale, context, value in
        PainScore.objects.filter(consultation_id=last).order_by("position", "pk")
        .values_list("scale", "context", "value")}
    response = (QuestionnaireResponse.objects.filter(consultation__in=visits)
                .order_by("-filled_on", "-pk").first())
    return pain, response.as_score() if response else None
