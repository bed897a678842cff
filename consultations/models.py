import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinics.models import Clinic

from . import cpr as cpr_rules
from . import gestation


class PatientQuerySet(models.QuerySet):
    def for_clinic(self, clinic):
        """The patients a clinic may see: those it registered."""
        if clinic is None:
            return self.none()
        return self.filter(clinic=clinic)

    def search(self, text):
        """Patients whose name contains the words, or whose CPR starts with the digits given."""
        text = (text or "").strip()
        if not text:
            return self
        digits = text.replace("-", "").replace(" ", "")
        if digits.isdigit():
            return self.filter(cpr__startswith=digits)
        query = Q()
        for word in text.split()[:5]:
            query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return self.filter(query)

    def recently_seen(self):
        """Most recently seen first."""
        return self.order_by("-last_seen_at", "last_name")

    def with_current_pregnancy(self):
        """Prefetch each patient's latest pregnancy episode (one extra query in all)."""
        return self.prefetch_related(
            models.Prefetch(
                "pregnancies",
                queryset=Pregnancy.objects.order_by("-edd"),
                to_attr="pregnancies_newest_first",
            )
        )


class Patient(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="patients", verbose_name=_("clinic")
    )
    cpr = models.CharField(_("CPR number"), max_length=10)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "cpr"], name="one_patient_per_cpr_in_clinic"),
            models.CheckConstraint(
                condition=Q(cpr__regex=r"^[0-9]{10}$"),
                name="cpr_ten_digits",
                violation_error_message=_("The CPR number must be ten digits."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("consultations:patient_detail", args=[self.public_id])

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def cpr_display(self):
        return cpr_rules.formatted(self.cpr)

    @property
    def cpr_passes_modulus_11(self):
        return cpr_rules.passes_modulus_11(self.cpr)

    def age_on(self, day):
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def current_pregnancy(self):
        """The newest episode; uses the prefetched list when the QuerySet planned it."""
        newest = getattr(self, "pregnancies_newest_first", None)
        if newest is None:
            newest = list(self.pregnancies.order_by("-edd")[:1])
        return newest[0] if newest else None


class Pregnancy(models.Model):
    class EddSource(models.TextChoices):
        LMP = "lmp", _("Last menstrual period")
        NUCHAL_SCAN = "nuchal_scan", _("Nuchal translucency scan")
        OTHER_ULTRASOUND = "other_ultrasound", _("Other ultrasound")
        IVF_TRANSFER = "ivf_transfer", _("IVF transfer")
        UNKNOWN = "unknown", _("Unknown")

    class DeliveryMode(models.TextChoices):
        VAGINAL = "vaginal", _("Vaginal")
        INSTRUMENTAL = "instrumental", _("Instrumental (vacuum/forceps)")
        CAESAREAN = "caesarean", _("Caesarean section")
        UNKNOWN = "unknown", _("Unknown")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="pregnancies")
    edd = models.DateField(_("due date"))
    edd_source = models.CharField(
        _("due date from"), max_length=20, choices=EddSource.choices, default=EddSource.NUCHAL_SCAN
    )
    lmp = models.DateField(_("first day of last menstrual period"), null=True, blank=True)
    gravida = models.PositiveSmallIntegerField(_("gravida"), default=1)
    para = models.PositiveSmallIntegerField(_("para"), default=0)
    multiple = models.BooleanField(_("multiple pregnancy"), default=False)
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DeliveryMode.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pregnancy")
        verbose_name_plural = _("pregnancies")
        ordering = ["-edd"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"],
                condition=Q(delivery_date__isnull=True),
                name="one_ongoing_pregnancy_per_patient",
                violation_error_message=_(
                    "She already has an ongoing pregnancy. Enter its delivery date before "
                    "registering a new one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(gravida__gte=1),
                name="gravida_at_least_one",
                violation_error_message=_("Gravida must be at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(para__lte=models.F("gravida")),
                name="para_le_gravida",
                violation_error_message=_("Para cannot be higher than gravida."),
            ),
            models.CheckConstraint(
                condition=Q(delivery_date__isnull=True) | ~Q(delivery_mode=""),
                name="delivery_has_mode",
                violation_error_message=_("Choose the delivery mode (or “Unknown”)."),
            ),
        ]

    def __str__(self):
        return _("Pregnancy with due date %(edd)s") % {"edd": self.edd.isoformat()}

    @property
    def is_ongoing(self):
        return self.delivery_date is None

    def stage_on(self, day: datetime.date) -> gestation.PregnancyStage:
        return gestation.stage_on(edd=self.edd, delivery_date=self.delivery_date, on=day)

    @property
    def stage_today(self) -> gestation.PregnancyStage:
        return self.stage_on(timezone.localdate())
