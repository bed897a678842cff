"""The dashboard's "follow-ups due" and "pain worse" cards, stored where they are decided
(issue 12, item 3) in one WorkCard row per clinic and pregnancy episode.

- Due: the follow-up date of her latest visit at the clinic in that episode (a later visit,
  signed or not, answers an earlier one's follow-up), kept when a visit is saved or deleted.
- Pain worse: rule R6 (assessments.rules.pain_change) between the clinic's last two signed
  visits with pain scores in that episode, decided when a visit is signed.

refresh() recomputes one episode's row from the source rows (a few indexed queries); the
workflows call it after a save, a sign and a draft's deletion. fill() computes every row at
once (the data migration and the bench's bulk load): the latest visits in one SQL statement,
"pain worse" only for pairs recent enough to be shown, decided by the same rule in Python.
"""

import datetime

from django.db import connection
from django.utils import timezone

from assessments.rules import pain_change

# The card shows pairs whose earlier visit is at most this old.
RECENT = datetime.timedelta(days=120)


def worsened(older, newer):
    """The first of the newer visit's scores that got clinically worse (R6) since the older
    visit's score on the same scale and context, as (score id, older value); else None.
    `older` and `newer` are (scale, context, value, score id) in their order on the form."""
    before = {(scale, context): value for scale, context, value, _id in older}
    for scale, context, value, score_id in newer:
        old = before.get((scale, context))
        if old is not None and pain_change(scale, old, value).worsening:
            return score_id, old
    return None


def refresh_for(consultation, *, previous_pregnancy_id=None, worse=True):
    refresh(consultation.clinic_id, consultation.pregnancy_id, worse=worse)
    if previous_pregnancy_id and previous_pregnancy_id != consultation.pregnancy_id:
        refresh(consultation.clinic_id, previous_pregnancy_id, worse=worse)


LATEST = ("patient_id", "consultation_id", "seen_at", "follow_up_on")
WORSE = ("worse_visit_id", "worse_score_id", "worse_from", "worse_since")


def refresh(clinic_id, pregnancy_id, *, worse=True):
    """Bring the (clinic, episode) row up to date with its visits, in one upsert. Without
    `worse` (a draft saved or deleted: drafts never count for it) "pain worse" is left as it
    was, which saves reading the signed visits' scores."""
    from .models import Consultation, WorkCard

    visits = Consultation.objects.filter(clinic_id=clinic_id, pregnancy_id=pregnancy_id)
    latest = (visits.order_by("-seen_at", "-pk")
              .values("pk", "patient_id", "seen_at", "follow_up_on").first())
    if latest is None:
        WorkCard.objects.filter(clinic_id=clinic_id, pregnancy_id=pregnancy_id).delete()
        return
    card = WorkCard(clinic_id=clinic_id, pregnancy_id=pregnancy_id,
                    patient_id=latest["patient_id"], consultation_id=latest["pk"],
                    seen_at=latest["seen_at"], follow_up_on=latest["follow_up_on"])
    if worse:
        found = _worse(visits)
        if found:
            card.worse_visit_id, card.worse_score_id, card.worse_from, card.worse_since = found
    fields = [name.removesuffix("_id") for name in LATEST + (WORSE if worse else ())]
    WorkCard.objects.bulk_create([card], update_conflicts=True,
                                 unique_fields=["clinic", "pregnancy"], update_fields=fields)


def _worse(visits):
    """(later visit, its worse score, the earlier value, the earlier visit's time) between the
    last two signed visits with pain scores, or None."""
    from assessments.models import PainScore

    from .models import Consultation

    scored = list(
        visits.filter(status=Consultation.Status.SIGNED, pain_scores__isnull=False).distinct()
        .order_by("-seen_at", "-pk").values_list("pk", "seen_at")[:2]
    )
    if len(scored) < 2:
        return None
    (newer, _newer_at), (older, older_at) = scored
    scores = {newer: [], older: []}
    for visit_id, *score in (PainScore.objects.filter(consultation__in=scores)
                             .order_by("position", "pk")
                             .values_list("consultation_id", "scale", "context", "value", "pk")):
        scores[visit_id].append(tuple(score))
    found = worsened(scores[older], scores[newer])
    return (newer, found[0], found[1], older_at) if found else None


# Each episode's latest visit per clinic: one statement (PostgreSQL and SQLite alike).
FILL_LATEST = """
INSERT INTO consultations_workcard (clinic_id, pregnancy_id, patient_id, consultation_id,
                                    seen_at, follow_up_on)
SELECT clinic_id, pregnancy_id, patient_id, id, seen_at, follow_up_on FROM (
    SELECT clinic_id, pregnancy_id, patient_id, id, seen_at, follow_up_on,
           ROW_NUMBER() OVER (PARTITION BY clinic_id, pregnancy_id
                              ORDER BY seen_at DESC, id DESC) AS newest
    FROM consultations_consultation
) latest WHERE newest = 1
"""

# The last two signed visits with pain scores per (clinic, episode), the earlier one recent.
RECENT_PAIRS = """
SELECT clinic_id, pregnancy_id, id, seen_at FROM (
    SELECT c.clinic_id, c.pregnancy_id, c.id, c.seen_at,
           ROW_NUMBER() OVER (PARTITION BY c.clinic_id, c.pregnancy_id
                              ORDER BY c.seen_at DESC, c.id DESC) AS newest,
           COUNT(*) OVER (PARTITION BY c.clinic_id, c.pregnancy_id) AS scored
    FROM consultations_consultation c
    WHERE c.status = 'signed' AND c.seen_at >= %s
      AND EXISTS (SELECT 1 FROM assessments_painscore s WHERE s.consultation_id = c.id)
) pairs WHERE newest <= 2 AND scored >= 2
ORDER BY clinic_id, pregnancy_id, newest DESC
"""

SCORES = """
SELECT consultation_id, scale, context, value, id FROM assessments_painscore
WHERE consultation_id IN ({}) ORDER BY position, id
"""


def fill(cursor=None, *, now=None):
    """Every row from the data (an empty table): the latest visits in SQL; "pain worse" for the
    pairs whose earlier visit is recent enough to be shown (older pairs only age), decided by
    worsened() in batches."""
    cursor = cursor or connection.cursor()
    cursor.execute(FILL_LATEST)
    since = (now or timezone.now()) - RECENT - datetime.timedelta(days=1)
    cursor.execute(RECENT_PAIRS, [since])
    rows = cursor.fetchall()
    pairs = [(rows[i], rows[i + 1]) for i in range(0, len(rows) - 1, 2)]
    for start in range(0, len(pairs), 2000):
        batch = pairs[start:start + 2000]
        ids = [visit[2] for pair in batch for visit in pair]
        cursor.execute(SCORES.format(", ".join(["%s"] * len(ids))), ids)  # nosec B608
        scores = {}
        for visit_id, scale, context, value, score_id in cursor.fetchall():
            scores.setdefault(visit_id, []).append((scale, context, value, score_id))
        updates = []
        for older, newer in batch:
            found = worsened(scores.get(older[2], []), scores.get(newer[2], []))
            if found:
                updates.append((newer[2], found[0], found[1], older[3], older[0], older[1]))
        cursor.executemany(
            "UPDATE consultations_workcard SET worse_visit_id = %s, worse_score_id = %s, "
            "worse_from = %s, worse_since = %s WHERE clinic_id = %s AND pregnancy_id = %s",
            updates)
