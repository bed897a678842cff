"""Per-consultation results: pelvic tests, pain scores and red-flag answers.

Models point at the consultation by string, so this app imports nothing of ours but its
catalogue.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import PainContext, PainScale, PelvicTest, RedFlag, RedFlagStatus, Side, TestResult


class PelvicTestResult(models.Model):
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="test_results"
    )
    test = models.CharField(_("test"), max_length=30, choices=PelvicTest.choices)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    result = models.CharField(_("result"), max_length=20, choices=TestResult.choices, blank=True)
    aslr_score = models.PositiveSmallIntegerField(_("ASLR score"), null=True, blank=True)
    aslr_compression_score = models.PositiveSmallIntegerField(
        _("ASLR score with compression"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("pelvic test result")
        verbose_name_plural = _("pelvic test results")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "test", "side"], name="one_result_per_test_side"),
            models.CheckConstraint(condition=Q(aslr_score__lte=5), name="aslr_score_0_5"),
            models.CheckConstraint(
                condition=Q(aslr_compression_score__lte=5), name="aslr_compression_score_0_5"
            ),
        ]

    def as_rule_row(self):
        """(test, side, result) for the decision rules; ASLR counts as done when scored."""
        if self.test == PelvicTest.ASLR:
            done = self.aslr_score is not None
            return (self.test, self.side, TestResult.NEGATIVE if done else TestResult.NOT_PERFORMED)
        return (self.test, self.side, self.result or TestResult.NOT_PERFORMED)


class PainScore(models.Model):
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="pain_scores"
    )
    scale = models.CharField(_("scale"), max_length=5, choices=PainScale.choices)
    context = models.CharField(_("context"), max_length=20, choices=PainContext.choices)
    value = models.PositiveSmallIntegerField(_("value"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("pain score")
        verbose_name_plural = _("pain scores")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale="nrs", value__lte=10) | Q(scale="vas", value__lte=100),
                name="pain_value_within_scale",
            ),
        ]

    def __str__(self):
        unit = " mm" if self.scale == PainScale.VAS else ""
        return f"{self.get_scale_display().split(' ')[0]} {self.value}{unit}"


class RedFlagAnswer(models.Model):
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="red_flag_answers"
    )
    flag = models.CharField(_("red flag"), max_length=40, choices=RedFlag.choices)
    status = models.CharField(_("status"), max_length=10, choices=RedFlagStatus.choices)
    action_taken = models.TextField(_("action taken"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("red-flag answer")
        verbose_name_plural = _("red-flag answers")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "flag"], name="one_answer_per_flag"),
        ]


class QuestionnaireResponse(models.Model):
    """A Pelvic Girdle Questionnaire filled in by her on paper and entered at a visit.

    Only item numbers and scores are stored (the item wording is third-party text); the
    scores are computed when entered and kept with the scoring version.
    """

    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.PROTECT, related_name="questionnaires"
    )
    instrument = models.CharField(_("questionnaire"), max_length=20, default="pgq")
    scoring_version = models.CharField(max_length=40)
    language = models.CharField(_("language of the form"), max_length=5, default="da")
    filled_on = models.DateField(_("filled in on"))
    items = models.JSONField(_("item scores"))
    total = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    activity = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    symptom = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    answered = models.PositiveSmallIntegerField()
    recorded_by = models.ForeignKey("clinics.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Entered after the consultation was signed: a dated, signed addition (recorded_by,
    # recorded_at), shown below the locked original, never inside it.
    added_after_signing = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["filled_on", "pk"]

    def as_score(self):
        """The stored item scores scored again (same algorithm version) for comparisons."""
        from .scoring import score_pgq

        return score_pgq({int(number): value for number, value in self.items.items()})


class PgqWordingQuerySet(models.QuerySet):
    def for_clinic(self, clinic):
        """The wordings a clinic loaded, one per language."""
        return self.filter(clinic=clinic)


class PgqWording(models.Model):
    """The licensed item wording of the PGQ in one language, loaded by a clinic that holds the
    licence from a file it keeps. Shown at entry instead of our short topics; never shared
    with another clinic."""

    class Language(models.TextChoices):
        DA = "da", _("Danish")
        EN = "en", _("English")

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    items = models.JSONField(_("item wording"))  # {"1": text, ..., "25": text}
    loaded_by = models.ForeignKey("clinics.User", on_delete=models.PROTECT, related_name="+")
    loaded_at = models.DateTimeField(auto_now=True)

    objects = PgqWordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("PGQ wording")
        verbose_name_plural = _("PGQ wordings")
        constraints = [
            models.UniqueConstraint(fields=["clinic", "language"], name="one_pgq_wording_per_language"),
        ]

    def text_for(self, number):
        return self.items.get(str(number), "")
