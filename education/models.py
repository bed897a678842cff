"""Exercise library, education topics, home programmes and the record of handouts given.

The shared library (clinic empty) is loaded by a data migration from library_content.py;
a clinic administrator adds the clinic's own exercises or its own version of a shared one.
Programme items point at the consultation by string: this app imports nothing of ours.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _


class Bilingual:
    """`obj.text("title")` gives the Danish or English field for the active language."""

    def text(self, field, language=None):
        language = (language or get_language() or "da")[:2]
        value = getattr(self, f"{field}_{'en' if language == 'en' else 'da'}")
        return value or getattr(self, f"{field}_da")

    @property
    def local_title(self):
        return self.text("title")


class LibraryQuerySet(models.QuerySet):
    def for_clinic(self, clinic):
        """The shared library plus the clinic's own entries; a clinic's version replaces the
        shared entry with the same slug."""
        own = self.filter(clinic=clinic, is_active=True)
        shared = self.filter(clinic__isnull=True, is_active=True).exclude(
            slug__in=own.values("slug")
        )
        return (own | shared).order_by("position", "slug")


class Exercise(Bilingual, models.Model):
    class Category(models.TextChoices):
        MOBILITY = "mobility", _("Mobility")
        STRENGTH = "strength", _("Gentle strengthening")
        LOAD_TRANSFER = "load_transfer", _("Load transfer")
        BREATHING_RELAXATION = "breathing_relaxation", _("Breathing and relaxation")
        RESTING_POSITION = "resting_position", _("Resting positions")
        BED_MOBILITY = "bed_mobility", _("Turning in bed")

    clinic = models.ForeignKey(
        "clinics.Clinic", on_delete=models.CASCADE, null=True, blank=True,
        related_name="exercises", help_text=_("Empty for the shared library."),
    )
    slug = models.SlugField(_("short name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    title_da = models.CharField(_("title (Danish)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    purpose_da = models.CharField(_("purpose (Danish)"), max_length=300)
    purpose_en = models.CharField(_("purpose (English)"), max_length=300, blank=True)
    start_position_da = models.CharField(_("start position (Danish)"), max_length=300)
    start_position_en = models.CharField(_("start position (English)"), max_length=300, blank=True)
    instructions_da = models.TextField(_("instructions (Danish)"), max_length=3000,
                                       help_text=_("One step per line."))
    instructions_en = models.TextField(_("instructions (English)"), max_length=3000, blank=True)
    caution_da = models.CharField(_("caution (Danish)"), max_length=400, blank=True)
    caution_en = models.CharField(_("caution (English)"), max_length=400, blank=True)
    sets = models.PositiveSmallIntegerField(_("sets"), default=1)
    reps = models.PositiveSmallIntegerField(_("repetitions"), null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(_("hold (seconds)"), null=True, blank=True)
    times_per_day = models.PositiveSmallIntegerField(_("times per day"), default=2)
    first_trimester = models.BooleanField(_("suitable in the first trimester"), default=True)
    second_trimester = models.BooleanField(_("suitable in the second trimester"), default=True)
    third_trimester = models.BooleanField(_("suitable in the third trimester"), default=True)
    postpartum = models.BooleanField(_("suitable after the birth"), default=True)
    long_supine = models.BooleanField(_("lying flat on the back"), default=False)
    regions = models.JSONField(_("suits"), default=list, blank=True)
    illustration = models.CharField(_("illustration"), max_length=120, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1)  # pgp_clinic/versioning.py

    objects = LibraryQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "slug"], name="exercise_slug_per_clinic"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(clinic__isnull=True), name="shared_exercise_slug"
            ),
            models.CheckConstraint(
                condition=Q(reps__isnull=False) | Q(hold_seconds__isnull=False),
                name="exercise_has_reps_or_hold",
            ),
        ]

    def __str__(self):
        return self.text("title")

    @property
    def local_purpose(self):
        return self.text("purpose")

    @property
    def local_start_position(self):
        return self.text("start_position")

    @property
    def local_caution(self):
        return self.text("caution")

    @property
    def local_steps(self):
        return self.steps()

    def steps(self, language=None):
        return [line.strip() for line in self.text("instructions", language).splitlines()
                if line.strip()]

    def suitable_at(self, *, trimester=None, postpartum=False):
        """Whether the exercise suits a trimester (1–3) or the time after birth."""
        if postpartum:
            return self.postpartum
        return {1: self.first_trimester, 2: self.second_trimester,
                3: self.third_trimester}.get(trimester, True)


class EducationTopic(Bilingual, models.Model):
    clinic = models.ForeignKey(
        "clinics.Clinic", on_delete=models.CASCADE, null=True, blank=True,
        related_name="education_topics",
    )
    slug = models.SlugField(_("short name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    key_message = models.CharField(_("key message"), max_length=30, blank=True)
    title_da = models.CharField(_("title (Danish)"), max_length=160)
    title_en = models.CharField(_("title (English)"), max_length=160, blank=True)
    body_da = models.TextField(_("text (Danish)"), max_length=6000)
    body_en = models.TextField(_("text (English)"), max_length=6000, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1)  # pgp_clinic/versioning.py

    objects = LibraryQuerySet.as_manager()

    class Meta:
        verbose_name = _("education topic")
        verbose_name_plural = _("education topics")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "slug"], name="topic_slug_per_clinic"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(clinic__isnull=True), name="shared_topic_slug"
            ),
        ]

    def __str__(self):
        return self.text("title")

    @property
    def local_blocks(self):
        return self.paragraphs()

    def paragraphs(self, language=None):
        """The text as blocks: ("p", text) or ("ul", [items]); "- " lines are list items."""
        blocks = []
        for chunk in self.text("body", language).split("\n\n"):
            kind, lines = None, []
            for line in filter(None, (line.strip() for line in chunk.splitlines())):
                line_kind = "ul" if line.startswith("- ") else "p"
                if line_kind != kind and lines:
                    blocks.append(_block(kind, lines))
                    lines = []
                kind = line_kind
                lines.append(line[2:] if line_kind == "ul" else line)
            if lines:
                blocks.append(_block(kind, lines))
        return blocks


def _block(kind, lines):
    return (kind, lines) if kind == "ul" else (kind, " ".join(lines))


class ProgrammeItem(models.Model):
    """One exercise of her home programme, with her dosage; part of the consultation record."""

    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="programme_items"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("exercise"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    sets = models.PositiveSmallIntegerField(_("sets"))
    reps = models.PositiveSmallIntegerField(_("repetitions"), null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(_("hold (seconds)"), null=True, blank=True)
    times_per_day = models.PositiveSmallIntegerField(_("times per day"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme exercise")
        verbose_name_plural = _("programme exercises")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sets__gte=1, sets__lte=10, times_per_day__gte=1, times_per_day__lte=10),
                name="programme_dosage_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.dosage_text()}"

    def dosage_text(self):
        """"3 × 10 repetitions, 2 times a day" in the active language."""
        return dosage_text(self.sets, self.reps, self.hold_seconds, self.times_per_day)


def dosage_text(sets, reps, hold_seconds, times_per_day):
    """The dosage in words, e.g. "2 × 8 repetitions, hold 5 seconds, 3 times a day"."""
    if reps:
        parts = [ngettext("%(sets)s × %(reps)s repetition", "%(sets)s × %(reps)s repetitions",
                          reps) % {"sets": sets, "reps": reps}]
        if hold_seconds:
            parts.append(ngettext("hold %(seconds)s second", "hold %(seconds)s seconds",
                                  hold_seconds) % {"seconds": hold_seconds})
    elif hold_seconds and hold_seconds >= 60 and hold_seconds % 60 == 0:
        minutes = hold_seconds // 60
        duration = ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {
            "minutes": minutes}
        parts = [duration if sets == 1 else f"{sets} × {duration}"]
    else:
        parts = [ngettext("%(sets)s × %(seconds)s second", "%(sets)s × %(seconds)s seconds",
                          hold_seconds or 0) % {"sets": sets, "seconds": hold_seconds or 0}]
    parts.append(ngettext("%(times)s time a day", "%(times)s times a day", times_per_day)
                 % {"times": times_per_day})
    return ", ".join(parts)


class HandoutIssued(models.Model):
    """Which document, language and template version was given, when and by whom."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Home programme and advice")
        SUMMARY = "summary", _("Consultation summary")
        REFERRAL = "referral", _("Referral letter to a physiotherapist")

    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.PROTECT, related_name="handouts"
    )
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    template_version = models.CharField(_("template version"), max_length=40)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handout given")
        verbose_name_plural = _("handouts given")
        ordering = ["-issued_at"]
