"""The questionnaire link a clinician gives a woman, and what she answers at home.

The link's address carries only a random token. The database keeps the token encrypted
(Fernet, the scheme of consultations/cpr_crypto.py) so that the clinician can show the link or
its QR code again, and a keyed digest of it for the look-up; a dump without the key opens no
link. Her answers are kept as item numbers and values only: no questionnaire wording is ever
stored (the PGQ wording is the clinic's licensed text, shown from assessments.PgqWording).

The link row and the report row are in the change history (consultations/history.py): made,
sent, checked, used, locked and revoked are changes of the link row. Her unsubmitted answers
live in their own row (SavedAnswers), outside the history, so that saving as she goes does
not write her free text into the history at every step.
"""

import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LINK_LIFETIME = datetime.timedelta(days=14)  # the default
MAX_FAILED_CHECKS = 3  # wrong birth dates before the link locks
NRS_MAX = 10
PSFS_MAX_ACTIVITIES = 3
PSFS_ACTIVITY_MAX_LENGTH = 100
HARDEST_MAX_LENGTH = 1000


class PainActivity(models.TextChoices):
    """What she was doing when it hurt: the contexts a clinician may ask her to rate. The codes
    are those of assessments.catalogue.AggravatingActivity, so the choice can start from what
    she said aggravates her pain."""

    TURNING_IN_BED = "turning_in_bed", _("Turning over in bed")
    WALKING = "walking", _("Walking")
    STAIRS = "stairs", _("Walking up or down stairs")
    SITTING = "sitting", _("Sitting")
    STANDING = "standing", _("Standing")
    LIFTING = "lifting", _("Lifting or carrying")


class PainMoment(models.TextChoices):
    """When: the codes are those of assessments.catalogue.PainContext, so a chart can place a
    value she reported beside the clinician's value of the same kind."""

    NOW = "now", _("Now")
    WORST_WEEK = "worst_week", _("Worst in the last week")


class QuestionnaireLinkQuerySet(models.QuerySet):
    def for_pregnancy(self, pregnancy):
        """The links made for one episode, newest first."""
        return self.filter(pregnancy=pregnancy).order_by("-created_at", "-pk")

    def open_at(self, moment):
        """Links she can still use at that moment: not revoked, not locked, not expired."""
        return self.filter(revoked_at__isnull=True, locked_at__isnull=True, expires_at__gt=moment)


class QuestionnaireLink(models.Model):
    """One link for one woman's pregnancy episode, made by a clinician of one clinic."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        LOCKED = "locked", _("Locked after wrong birth dates")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.PROTECT, related_name="+")
    pregnancy = models.ForeignKey("consultations.Pregnancy", on_delete=models.CASCADE,
                                  related_name="questionnaire_links")
    token_encrypted = models.TextField(editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    contexts = models.JSONField(_("pain asked about"), default=list)  # PainActivity codes
    include_pgq = models.BooleanField(_("includes the PGQ"), default=False)
    created_by = models.ForeignKey("clinics.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey("clinics.User", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+")
    failed_checks = models.PositiveSmallIntegerField(_("wrong birth dates"), default=0)
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    verified_at = models.DateTimeField(_("birth date last confirmed"), null=True, blank=True)
    used_at = models.DateTimeField(_("answers last sent"), null=True, blank=True)

    objects = QuestionnaireLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire link")
        verbose_name_plural = _("questionnaire links")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(failed_checks__lte=MAX_FAILED_CHECKS),
                                   name="portal_link_failed_checks_at_most_max"),
            models.CheckConstraint(condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False),
                                   name="portal_link_revoked_has_revoker"),
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True) | Q(failed_checks=MAX_FAILED_CHECKS),
                name="portal_link_locked_after_max_failures"),
        ]

    def __str__(self):
        return _("Questionnaire link made %(when)s") % {
            "when": timezone.localtime(self.created_at).date().isoformat()}

    def state_at(self, moment):
        """Why the link cannot be used (revoked, locked, expired), else open."""
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.locked_at is not None:
            return self.State.LOCKED
        if self.expires_at <= moment:
            return self.State.EXPIRED
        return self.State.OPEN

    @property
    def state(self):
        return self.state_at(timezone.now())

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    @property
    def token(self):
        """The token of the address, for showing the link again (portal.tokens)."""
        from . import tokens

        return tokens.decrypt(self.token_encrypted)

    def reencrypt_token(self):
        """Under the current key (manage.py rotate_keys); True if it changed."""
        from . import tokens

        if tokens.is_current(self.token_encrypted, self.token_digest):
            return False
        token = self.token
        self.token_encrypted, self.token_digest = tokens.encrypt(token), tokens.digest(token)
        return True

    def get_absolute_url(self):
        """The address she opens (it carries nothing but the token)."""
        from django.urls import reverse

        return reverse("portal:check", args=[self.token])

    def activity_labels(self):
        return [PainActivity(code).label for code in self.contexts if code in PainActivity.values]


class SavedAnswers(models.Model):
    """Her answers so far, kept as she goes so that she can close the page and go on later.
    Removed when she sends them. Not in the change history (see the module docstring)."""

    link = models.OneToOneField(QuestionnaireLink, on_delete=models.CASCADE,
                                related_name="saved_answers")
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)


class CheckAttemptQuerySet(models.QuerySet):
    def since(self, moment):
        return self.filter(at__gte=moment)


class CheckAttempt(models.Model):
    """One request to the birth-date check (or for an unknown token), counted for the rate
    limit per link and per client address (portal/workflows.py)."""

    link = models.ForeignKey(QuestionnaireLink, on_delete=models.CASCADE, null=True,
                             related_name="+")
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = CheckAttemptQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["address", "at"], name="portal_attempt_address_at")]


class PatientReportQuerySet(models.QuerySet):
    def for_pregnancy(self, pregnancy):
        """Her reports for one episode, oldest first, with their rows (three queries)."""
        return (self.filter(pregnancy=pregnancy).order_by("submitted_at", "pk")
                .prefetch_related("pain_rows", "psfs_rows"))

    def for_clinic(self, clinic):
        """Reports of a clinic's own links, in episodes the clinic may see (as its pages show
        them; another clinic's links stay with that clinic)."""
        from consultations.models import Pregnancy

        return self.filter(clinic=clinic, pregnancy__in=Pregnancy.objects.for_clinic(clinic))

    def in_visible_episode(self, clinic, pregnancy):
        """for_clinic(clinic) for one episode the clinic may see already (read through
        Pregnancy.for_clinic by the caller): no need to test the episode again."""
        return self.filter(clinic=clinic, pregnancy=pregnancy)

    def as_shown(self):
        """With who marked each seen and the visit that confirmed it, only the columns a
        report shows of them (a visit row is ~70 columns, a user's carries her password)."""
        own = [field.name for field in self.model._meta.concrete_fields]
        return self.select_related("seen_by", "confirmed_in").only(
            *own, "seen_by__first_name", "seen_by__last_name", "seen_by__username",
            "confirmed_in__seen_at")

    def worsened_unseen(self, clinic):
        """Reports of a clinic's links that showed worsening and no clinician has marked seen."""
        return self.filter(clinic=clinic, worsened=True, seen_at__isnull=True)


class PatientReport(models.Model):
    """One set of answers she sent ("udfyldt af patienten"): dated, never part of a signed
    consultation. A link may bring several during its life."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    link = models.ForeignKey(QuestionnaireLink, on_delete=models.CASCADE, related_name="reports")
    pregnancy = models.ForeignKey("consultations.Pregnancy", on_delete=models.CASCADE,
                                  related_name="patient_reports")
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)
    language = models.CharField(_("language"), max_length=5, default="da")
    # The PGQ: item number -> 0-3 (or None), scored with assessments/scoring.py; no wording.
    pgq_items = models.JSONField(_("PGQ item scores"), null=True, blank=True)
    pgq_scoring_version = models.CharField(max_length=40, blank=True)
    pgq_total = models.DecimalField(_("PGQ total"), max_digits=4, decimal_places=1, null=True,
                                    blank=True)
    pgq_activity = models.DecimalField(_("PGQ activity"), max_digits=4, decimal_places=1,
                                       null=True, blank=True)
    pgq_symptom = models.DecimalField(_("PGQ symptoms"), max_digits=4, decimal_places=1,
                                      null=True, blank=True)
    pgq_answered = models.PositiveSmallIntegerField(_("PGQ items answered"), null=True,
                                                    blank=True)
    hardest = models.TextField(_("what is hardest right now"), blank=True,
                               max_length=HARDEST_MAX_LENGTH)
    # For the clinician's side: decided when she sends it (portal/rules.py::report_worsened).
    worsened = models.BooleanField(_("pain worse"), default=False)
    # Which values were worse, and than what (P1): {"pain": [[activity, moment, before, after]],
    # "pgq": [[subscale, before, after]]}, shown on the worklist without deciding again.
    worsening = models.JSONField(_("worse than at her last visit"), default=dict, blank=True,
                                 editable=False)
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    seen_by = models.ForeignKey("clinics.User", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    confirmed_in = models.ForeignKey("consultations.Consultation", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="patient_reports")

    objects = PatientReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("patient-reported answers")
        verbose_name_plural = _("patient-reported answers")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            *[models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0, f"{name}__lte": 100}),
                name=f"portal_report_{name}_0_100") for name in ("pgq_total", "pgq_activity", "pgq_symptom")],
            models.CheckConstraint(
                condition=Q(pgq_answered__isnull=True) | Q(pgq_answered__lte=25),
                name="portal_report_pgq_answered_at_most_25"),
            models.CheckConstraint(
                condition=Q(pgq_items__isnull=True) | ~Q(pgq_scoring_version=""),
                name="portal_report_pgq_has_scoring_version"),
            models.CheckConstraint(condition=Q(seen_at__isnull=True) | Q(seen_by__isnull=False),
                                   name="portal_report_seen_has_who"),
            models.CheckConstraint(condition=LessThanOrEqual(Length("hardest"), HARDEST_MAX_LENGTH),
                                   name="portal_report_hardest_at_most_1000"),
        ]

    def __str__(self):
        return _("Answers sent by her %(when)s") % {
            "when": timezone.localtime(self.submitted_at).date().isoformat()}

    def pgq_score(self):
        """The stored item scores scored again (same algorithm version), or None."""
        from assessments.scoring import score_pgq

        if self.pgq_items is None:
            return None
        return score_pgq({int(number): value for number, value in self.pgq_items.items()})

    def pain_values(self):
        """{(activity, moment): value} of this report."""
        return {(row.activity, row.moment): row.value for row in self.pain_rows.all()}


class ReportedPain(models.Model):
    """One NRS value she gave: an activity, now or worst in the last week, 0-10."""

    report = models.ForeignKey(PatientReport, on_delete=models.CASCADE, related_name="pain_rows")
    activity = models.CharField(_("activity"), max_length=20, choices=PainActivity.choices)
    moment = models.CharField(_("when"), max_length=20, choices=PainMoment.choices)
    value = models.PositiveSmallIntegerField(_("NRS (0-10)"))

    class Meta:
        verbose_name = _("reported pain")
        verbose_name_plural = _("reported pain")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value__lte=NRS_MAX), name="portal_pain_nrs_0_10"),
            models.UniqueConstraint(fields=["report", "activity", "moment"],
                                    name="portal_one_pain_value_per_activity_and_moment"),
        ]


class ReportedActivity(models.Model):
    """Patient-Specific Functional Scale: an activity she named and how well she manages it,
    0 (cannot) to 10 (as before the pain)."""

    report = models.ForeignKey(PatientReport, on_delete=models.CASCADE, related_name="psfs_rows")
    position = models.PositiveSmallIntegerField()
    activity = models.CharField(_("activity"), max_length=PSFS_ACTIVITY_MAX_LENGTH)
    score = models.PositiveSmallIntegerField(_("score (0-10)"))

    class Meta:
        verbose_name = _("activity she named (PSFS)")
        verbose_name_plural = _("activities she named (PSFS)")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=10), name="portal_psfs_score_0_10"),
            models.CheckConstraint(condition=Q(position__gte=1, position__lte=PSFS_MAX_ACTIVITIES),
                                   name="portal_psfs_position_1_3"),
            models.CheckConstraint(condition=~Q(activity=""), name="portal_psfs_activity_named"),
            models.UniqueConstraint(fields=["report", "position"], name="portal_one_psfs_per_position"),
        ]
