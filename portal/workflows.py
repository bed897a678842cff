"""What happens to a questionnaire link: made, handed over, revoked, checked, answered.

Keyword-only functions, each in one transaction, called the same way from a view, a test or a
shell. The link row is in the change history, so each event here is a dated change of it.
"""

import datetime
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from assessments.models import PgqWording
from assessments.scoring import ALL_ITEMS, ITEM_VALUES, score_pgq
from consultations.models import Pregnancy

from . import rules, tokens
from .recorded import last_recorded
from .models import (
    HARDEST_MAX_LENGTH,
    LINK_LIFETIME,
    MAX_FAILED_CHECKS,
    NRS_MAX,
    PSFS_ACTIVITY_MAX_LENGTH,
    PSFS_MAX_ACTIVITIES,
    CheckAttempt,
    PainActivity,
    PainMoment,
    PatientReport,
    QuestionnaireLink,
    ReportedActivity,
    ReportedPain,
    SavedAnswers,
)

# Rate limit of the birth-date check (and of unknown tokens), per window.
ATTEMPT_WINDOW = datetime.timedelta(minutes=15)
MAX_ATTEMPTS_PER_LINK = 10  # right or wrong: three wrong lock it anyway
MAX_ATTEMPTS_PER_ADDRESS = 20  # one address trying many links (or guessing tokens)
ATTEMPTS_KEPT = datetime.timedelta(days=1)  # then forgotten (they hold client addresses)
MAX_SAVED_ANSWERS_CHARS = 20_000  # a full questionnaire is about 2,000


class LinkNotAllowed(ValueError):
    """The link cannot be made as asked (unknown context, PGQ without wording, another
    clinic's episode)."""


class LinkClosed(Exception):
    """The link is expired, revoked or locked: nothing is saved."""


class CheckOutcome(models.TextChoices):
    OK = "ok"
    WRONG = "wrong"  # wrong birth date, tries left
    LOCKED = "locked"  # this answer or an earlier one locked it
    CLOSED = "closed"  # expired or revoked
    THROTTLED = "throttled"  # too many attempts from this address or for this link


def clinic_has_pgq_wording(clinic) -> bool:
    return PgqWording.objects.for_clinic(clinic).exists()


@transaction.atomic
def make_link(
    *, pregnancy: Pregnancy, clinic, by, contexts: list[str], include_pgq: bool = False,
    lifetime: datetime.timedelta = LINK_LIFETIME,
) -> QuestionnaireLink:
    """A new link for one episode of a woman this clinic may see; its token is link.token."""
    if not Pregnancy.objects.for_clinic(clinic).filter(pk=pregnancy.pk).exists():
        raise LinkNotAllowed("the episode is not one this clinic may see")
    unknown = [code for code in contexts if code not in PainActivity.values]
    if unknown:
        raise LinkNotAllowed(f"unknown pain contexts: {unknown}")
    if include_pgq and not clinic_has_pgq_wording(clinic):
        raise LinkNotAllowed("the clinic has not loaded the PGQ wording")
    if lifetime <= datetime.timedelta(0):
        raise LinkNotAllowed("a link must live for some time")
    token = tokens.new_token()
    return QuestionnaireLink.objects.create(
        clinic=clinic, pregnancy=pregnancy, created_by=by,
        token_encrypted=tokens.encrypt(token), token_digest=tokens.digest(token),
        contexts=list(dict.fromkeys(contexts)), include_pgq=include_pgq,
        expires_at=timezone.now() + lifetime,
    )


def mark_sent(*, link: QuestionnaireLink) -> QuestionnaireLink:
    """Handed over (printed on her handout, shown as a QR code): a dated change of the link."""
    link.sent_at = timezone.now()
    link.save(update_fields=["sent_at"])
    return link


@transaction.atomic
def revoke_link(*, link: QuestionnaireLink, by) -> QuestionnaireLink:
    """Revoked now by this user; a link already revoked keeps its first revocation."""
    link = QuestionnaireLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), by
        link.save(update_fields=["revoked_at", "revoked_by"])
    forget_unsent_answers(link=link)
    return link


def forget_unsent_answers(*, link: QuestionnaireLink) -> None:
    """A link that can no longer be used keeps none of her unsent answers."""
    SavedAnswers.objects.filter(link=link).delete()


@transaction.atomic
def mark_report_seen(*, report: PatientReport, by) -> PatientReport:
    """A clinician has seen her answers on the worklist; the first one to do so is kept."""
    report = PatientReport.objects.select_for_update().get(pk=report.pk)
    if report.seen_at is None:
        report.seen_at, report.seen_by = timezone.now(), by
        report.save(update_fields=["seen_at", "seen_by"])
    return report


def find_link(token: str) -> QuestionnaireLink | None:
    """The link an address names, or None (without a query for what cannot be a token)."""
    if not tokens.looks_like_token(token):
        return None
    return (QuestionnaireLink.objects.select_related("clinic", "pregnancy__patient")
            .filter(token_digest__in=tokens.digests(token)).first())


def is_throttled(*, link: QuestionnaireLink | None, address: str | None) -> bool:
    """Too many recent attempts for this link, or from this address."""
    recent = CheckAttempt.objects.since(timezone.now() - ATTEMPT_WINDOW)
    if link is not None and recent.filter(link=link).count() >= MAX_ATTEMPTS_PER_LINK:
        return True
    return address is not None and recent.filter(address=address).count() >= MAX_ATTEMPTS_PER_ADDRESS


def note_unknown_token(*, address: str | None) -> None:
    """An address that asked for a link that does not exist: counted against the address."""
    CheckAttempt.objects.create(link=None, address=address)


@transaction.atomic
def check_birth_date(*, link: QuestionnaireLink, born: datetime.date, address: str | None
                     ) -> CheckOutcome:
    """Her answer to "what is your birth date?": the third wrong answer locks the link."""
    link = QuestionnaireLink.objects.select_for_update().select_related("pregnancy__patient").get(
        pk=link.pk)
    now = timezone.now()
    state = link.state_at(now)
    if state == QuestionnaireLink.State.LOCKED:
        return CheckOutcome.LOCKED
    if state != QuestionnaireLink.State.OPEN:
        return CheckOutcome.CLOSED
    if is_throttled(link=link, address=address):
        return CheckOutcome.THROTTLED
    CheckAttempt.objects.create(link=link, address=address)
    CheckAttempt.objects.filter(at__lt=now - ATTEMPTS_KEPT).delete()
    if born == link.pregnancy.patient.date_of_birth:
        link.verified_at = now
        link.save(update_fields=["verified_at"])
        return CheckOutcome.OK
    link.failed_checks += 1
    if link.failed_checks >= MAX_FAILED_CHECKS:
        link.locked_at = now
        forget_unsent_answers(link=link)
    link.save(update_fields=["failed_checks", "locked_at"])
    return CheckOutcome.LOCKED if link.locked_at else CheckOutcome.WRONG


def saved_answers(link: QuestionnaireLink) -> dict:
    """Her unsent answers (empty when there are none)."""
    saved = SavedAnswers.objects.filter(link=link).first()
    return saved.answers if saved else {}


@transaction.atomic
def save_draft(*, link: QuestionnaireLink, answers: dict) -> SavedAnswers:
    """Keep her unsent answers so far (replacing the earlier ones); only while the link is open."""
    link = QuestionnaireLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_open:
        raise LinkClosed
    if not isinstance(answers, dict) or len(repr(answers)) > MAX_SAVED_ANSWERS_CHARS:
        raise ValueError("saved answers must be a small dict")
    saved, _created = SavedAnswers.objects.update_or_create(link=link, defaults={"answers": answers})
    return saved


@dataclass(frozen=True)
class Answers:
    """Her answers in the shape submit() stores, checked by from_saved()."""

    pain: dict  # {(activity, moment): 0-10}
    pgq: dict | None  # {item number: 0-3 or None} when the PGQ was offered
    psfs: list  # [(activity text, 0-10), ...] at most three
    hardest: str

    @classmethod
    def from_saved(cls, link: QuestionnaireLink, saved: dict, *, pgq_offered: bool) -> "Answers":
        """Her saved answers, checked against the link: ValueError names what is missing or
        out of range (the forms show field errors before it comes to that)."""
        pain = {}
        for activity in link.contexts:
            for moment in PainMoment.values:
                value = (saved.get("pain") or {}).get(f"{activity}__{moment}")
                if not _in_range(value, 0, NRS_MAX):
                    raise ValueError(f"pain {activity} {moment} missing or out of range")
                pain[(activity, moment)] = value
        pgq = None
        if pgq_offered:
            given = saved.get("pgq") or {}
            pgq = {number: given.get(str(number)) for number in ALL_ITEMS}
            if any(value is not None and value not in ITEM_VALUES for value in pgq.values()):
                raise ValueError("PGQ item out of range")
        psfs = [(str(row.get("activity", "")).strip(), row.get("score"))
                for row in (saved.get("psfs") or [])]
        if len(psfs) > PSFS_MAX_ACTIVITIES or any(
                not text or len(text) > PSFS_ACTIVITY_MAX_LENGTH or not _in_range(score, 0, 10)
                for text, score in psfs):
            raise ValueError("PSFS activities out of range")
        hardest = str(saved.get("hardest") or "").strip()
        if len(hardest) > HARDEST_MAX_LENGTH:
            raise ValueError("free text too long")
        return cls(pain=pain, pgq=pgq, psfs=psfs, hardest=hardest)


def _in_range(value, low, high):
    return type(value) is int and low <= value <= high


@transaction.atomic
def submit(*, link: QuestionnaireLink, answers: Answers, language: str) -> PatientReport:
    """Store her answers as one dated report (all of it or nothing), judge worsening against
    her last clinician-recorded values (P1), and clear the saved draft."""
    link = QuestionnaireLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_open:
        raise LinkClosed
    pgq = score_pgq(answers.pgq) if answers.pgq is not None else None
    recorded_pain, recorded_pgq = last_recorded(pregnancy_id=link.pregnancy_id, clinic=link.clinic)
    worsening = rules.worsened_since_visit(recorded_pain=recorded_pain, pain=answers.pain,
                                           recorded_pgq=recorded_pgq, pgq=pgq)
    report = PatientReport.objects.create(
        link=link, pregnancy_id=link.pregnancy_id, clinic_id=link.clinic_id,
        language=language if language in ("da", "en") else "da",
        hardest=answers.hardest, worsened=worsening.worsened,
        worsening={"pain": [list(row) for row in worsening.pain],
                   "pgq": [[name, str(before), str(after)] for name, before, after in worsening.pgq]},
        **_pgq_fields(answers.pgq, pgq),
    )
    ReportedPain.objects.bulk_create(
        ReportedPain(report=report, activity=activity, moment=moment, value=value)
        for (activity, moment), value in answers.pain.items())
    ReportedActivity.objects.bulk_create(
        ReportedActivity(report=report, position=position, activity=text, score=score)
        for position, (text, score) in enumerate(answers.psfs, start=1))
    link.used_at = report.submitted_at
    link.save(update_fields=["used_at"])
    SavedAnswers.objects.filter(link=link).delete()
    return report


def _pgq_fields(items, score):
    if score is None:
        return {}
    return {"pgq_items": {str(number): value for number, value in items.items()},
            "pgq_scoring_version": score.version, "pgq_total": score.total,
            "pgq_activity": score.activity, "pgq_symptom": score.symptom,
            "pgq_answered": score.answered_total}
