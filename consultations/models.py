import datetime
import uuid
from copy import copy as shallow_copy

from django.db import connections, models
from django.db.models import Exists, FilteredRelation, OuterRef, Q
from django.db.models.functions import Concat, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinics.models import Clinic
from pgp_clinic import links

from . import cpr as cpr_rules
from . import cpr_crypto
from . import gestation


# Between her first and last name in Visibility.name_key: whitespace to str.split(), so no
# searched word holds it and a word never matches across the two names.
NAME_KEY_SEPARATOR = "\x1f"


class PatientQuerySet(models.QuerySet):
    def for_clinic(self, clinic):
        """The patients a clinic may see: those it registered, those referred to it while the
        referral is open, and those it has written consultations about (its own journal)."""
        if clinic is None:
            return self.none()
        if self._indexed():  # the kept rows (visibility.py), the same rule
            # One join, named, its columns annotated, so the order, the keyset and the name
            # search all read that join (a later filter on the relation would add another).
            here = FilteredRelation("visibility", condition=Q(visibility__clinic=clinic))
            return self.annotate(visible_here=here).filter(visible_here__clinic=clinic).annotate(
                **{f"here_{name}": models.F(f"visible_here__{name}") for name in self.KEPT})
        referred = Referral.objects.open().filter(to_clinic=clinic, pregnancy__patient=OuterRef("pk"))
        written = Consultation.objects.filter(clinic=clinic, patient=OuterRef("pk"))
        return self.filter(Q(clinic=clinic) | Exists(referred) | Exists(written))

    def _indexed(self):
        """PostgreSQL keeps the visibility rows by trigger; SQLite (make run) scans."""
        return connections[self.db].vendor == "postgresql"

    def search(self, text, *, clinic=None):
        """Patients whose name contains the words, or whose CPR starts with the digits given.
        With the clinic (after for_clinic), names are matched on its visibility rows: the scan
        stays within the women the clinic sees."""
        text = (text or "").strip()
        if not text:
            return self
        digits = text.replace("-", "").replace(" ", "")
        if digits.isdigit():
            return self.with_cpr_prefix(digits)
        words = text.split()[:5]
        if clinic is not None and self._indexed():  # her names on the clinic's rows, one LIKE
            return self.annotate(here_name_key=models.F("visible_here__name_key")).filter(*[
                Q(here_name_key__contains=Upper(models.Value(word))) for word in words])
        query = Q()
        for word in words:
            query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return self.filter(query)

    def with_cpr(self, cpr):
        """The patient with exactly this CPR number, found by its keyed digest."""
        return self.filter(cpr_digest__in=cpr_crypto.digests(cpr_rules.normalise(cpr)))

    def with_cpr_prefix(self, digits):
        """CPR numbers starting with the digits. Up to six digits are her birth date (DDMMYY),
        kept in the clear; ten go by the digest; seven to nine decrypt the few born that day."""
        if len(digits) > 10:
            return self.none()
        if len(digits) == 10:
            return self.with_cpr(digits)
        born = self.filter(_born_on_q(digits[:6]))
        if len(digits) <= 6:
            return born
        matching = [p.pk for p in born.only("pk", "cpr_encrypted") if p.cpr.startswith(digits)]
        return self.filter(pk__in=matching)

    def recently_seen(self):
        """Most recently seen first (after for_clinic: in the visibility index's order)."""
        return self.order_by(*self._ordering("recent"))

    # The only orderings a list may ask for (issue 6.6: sort keys come from an allowlist):
    # (field, descending) each, the last one unique. With for_clinic on PostgreSQL the name
    # and last visit are read from the visibility rows, in their index's order.
    ORDERINGS = {
        "name": (("last_name", False), ("first_name", False), ("pk", False)),
        "recent": (("last_seen_at", True), ("last_name", False), ("pk", False)),
        "due": (("current_edd", False), ("last_name", False), ("pk", False)),
    }
    KEPT = {"last_name", "first_name", "last_seen_at", "current_edd"}

    def _keys(self, key):
        indexed = self._indexed()
        return [(f"here_{name}" if indexed and name in self.KEPT else name, desc)
                for name, desc in self.ORDERINGS[key]]

    def _ordering(self, key):
        return [models.F(name).desc() if desc
                else models.F(name).asc(nulls_last=True) for name, desc in self._keys(key)]

    def sorted_by(self, key, *, clinic):
        """Ordered by one of ORDERINGS; an unknown key is a programming error. The due date is
        that of the newest episode the clinic may see (never one not referred to it): kept on
        the visibility row on PostgreSQL (its index's order), a subquery per woman on SQLite."""
        patients = self
        if key == "due":  # the date each row is sorted by, named alike on both
            patients = self.annotate(current_edd=models.F("here_current_edd") if self._indexed()
                                     else _newest_edd(clinic))
        return patients.order_by(*self._ordering(key))

    def after(self, key, public_id):
        """Keyset pagination: the rows after the woman with this public id in the `key` order
        (one query for her sort values; the list then starts in the index where she stands).
        An unknown id starts from the top."""
        values = self.keyset(key).filter(public_id=public_id).first()
        return self if values is None else self.after_values(key, values)

    def keyset(self, key):
        """Each woman's values in the `key` order (filter to the one a page starts after)."""
        return self.values_list(*[name for name, _d in self._keys(key)])

    def after_values(self, key, values):
        """The rows after these sort values (a woman's keyset) in the `key` order."""
        keys = self._keys(key)
        (first, desc), start = keys[0], values[0]
        if start is not None and (key != "due" or self._indexed()):  # where the index scan starts
            return self.filter(Q(**{f"{first}__{'lte' if desc else 'gte'}": start}),
                               _after_q(keys, values))
        return self.filter(_after_q(keys, values))

    def in_stage(self, stage, *, clinic):
        """'pregnant': she has an ongoing episode (at most one, by constraint);
        'postpartum': she has episodes and all of them ended in a birth. Only the episodes the
        clinic may see count."""
        episodes = Pregnancy.objects.for_clinic(clinic).filter(patient=OuterRef("pk"))
        ongoing = Exists(episodes.filter(delivery_date__isnull=True))
        if stage == "pregnant":
            return self.filter(ongoing)
        if stage == "postpartum":
            return self.filter(Exists(episodes), ~ongoing)
        raise ValueError(f"unknown stage {stage!r}")

    def with_current_pregnancy(self, *, clinic):
        """Prefetch each patient's latest pregnancy episode that the clinic may see (one extra
        query in all): a referred clinic never sees a later pregnancy not referred to it."""
        return self.prefetch_related(
            models.Prefetch(
                "pregnancies",
                queryset=Pregnancy.objects.for_clinic(clinic).order_by("-edd"),
                to_attr="pregnancies_newest_first",
            )
        )


class Patient(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="patients", verbose_name=_("clinic")
    )
    # The CPR number only encrypted, and as a keyed digest for look-ups (cpr_crypto.py);
    # read and write it through the `cpr` property.
    cpr_encrypted = models.TextField(editable=False)
    cpr_digest = models.CharField(max_length=64, editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)
    version = models.PositiveIntegerField(default=1)  # pgp_clinic/versioning.py

    objects = PatientQuerySet.as_manager()

    class Meta:
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "cpr_digest"], name="one_patient_per_cpr_in_clinic"
            ),
        ]
        # A search by her whole CPR number among the women a clinic sees (not only its own).
        indexes = [models.Index(fields=["cpr_digest"], name="patient_cpr_digest")]

    # What a clinic keeps of her details after its referral closes (Referral.patient_snapshot).
    SNAPSHOT_FIELDS = ("first_name", "last_name", "phone", "occupation", "notes")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return links.by_public_id("consultations:patient_detail", self.public_id)

    def details_snapshot(self):
        return {name: getattr(self, name) for name in self.SNAPSHOT_FIELDS}

    def as_it_was(self, snapshot):
        """A read-only copy of her with the details as they were when a referral closed; a
        referral closed before snapshots were kept gives her name only."""
        copy = shallow_copy(self)  # keeps what was prefetched with her (her pregnancies)
        for name in self.SNAPSHOT_FIELDS:
            fallback = getattr(self, name) if name in ("first_name", "last_name") else ""
            setattr(copy, name, (snapshot or {}).get(name, fallback))
        copy.is_snapshot = True
        return copy

    def save(self, *args, **kwargs):
        if getattr(self, "is_snapshot", False):
            raise ValueError("her details as they were are never saved")
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def cpr(self):
        """Her ten CPR digits, decrypted once per stored token."""
        token, digits = self.__dict__.get("_cpr", (None, None))
        if token != self.cpr_encrypted:
            token, digits = self.cpr_encrypted, cpr_crypto.decrypt(self.cpr_encrypted)
            self.__dict__["_cpr"] = (token, digits)
        return digits

    @cpr.setter
    def cpr(self, value):
        """Encrypt the number, keep its digest, and take her birth date from it."""
        digits = cpr_rules.normalise(value)
        if self.cpr_encrypted and self.cpr == digits:
            return  # unchanged: keep the token, so the change history shows no change
        self.date_of_birth = cpr_rules.birth_date(digits)
        self._encrypt_cpr(digits)

    def _encrypt_cpr(self, digits):
        self.cpr_encrypted = cpr_crypto.encrypt(digits)
        self.cpr_digest = cpr_crypto.digest(digits)
        self.__dict__["_cpr"] = (self.cpr_encrypted, digits)

    def reencrypt_cpr(self):
        """Put her number under the current key (rotate_cpr_key); True if it changed."""
        digits = self.cpr
        if cpr_crypto.is_current(self.cpr_encrypted, digits, self.cpr_digest):
            return False
        self._encrypt_cpr(digits)
        return True

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


def _after_q(keys, values):
    """Rows strictly after `values` in the order of `keys` ((field, descending) pairs; ascending
    keys sort nulls last): (k1 beyond v1) or (k1 = v1 and the rest after theirs)."""
    (name, desc), value = keys[0], values[0]
    rest = _after_q(keys[1:], values[1:]) if len(keys) > 1 else Q(pk__in=[])
    if value is None:  # nulls last: only the later nulls follow a null
        return Q(**{f"{name}__isnull": True}) & rest
    beyond = Q(**{f"{name}__{'lt' if desc else 'gt'}": value})
    if not desc:
        beyond |= Q(**{f"{name}__isnull": True})
    return beyond | (Q(**{name: value}) & rest)


def _newest_edd(clinic):
    return models.Subquery(
        Pregnancy.objects.for_clinic(clinic).filter(patient=OuterRef("pk"))
        .order_by("-edd").values("edd")[:1]
    )


def _born_on_q(digits):
    """Birth dates whose DDMMYY starts with the digits (one to six of them)."""
    def values(pair):  # "1" → 10..19, "17" → 17
        return [int(pair)] if len(pair) == 2 else list(range(int(pair) * 10, int(pair) * 10 + 10))

    day, month, yy = digits[0:2], digits[2:4], digits[4:6]
    query = Q(date_of_birth__day__in=values(day))
    if month:
        query &= Q(date_of_birth__month__in=values(month))
    if yy:
        query &= Q(date_of_birth__year__in=[c + v for c in (1800, 1900, 2000) for v in values(yy)])
    return query


class PregnancyQuerySet(models.QuerySet):
    def for_clinic(self, clinic):
        """Episodes a clinic may see: all of its own patients', those referred to it, and
        those it has written consultations in."""
        referred = Referral.objects.open().filter(to_clinic=clinic, pregnancy=OuterRef("pk"))
        written = Consultation.objects.filter(clinic=clinic, pregnancy=OuterRef("pk"))
        return self.filter(Q(patient__clinic=clinic) | Exists(referred) | Exists(written))

    def of_patient_for(self, clinic, patient):
        """Her episodes the clinic may see (for_clinic): all of them for her own clinic, so the
        owner's page needs none of the other clinics' tests."""
        if patient.clinic_id == clinic.pk:
            return self.filter(patient=patient)
        return self.for_clinic(clinic).filter(patient=patient)


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
    version = models.PositiveIntegerField(default=1)  # pgp_clinic/versioning.py

    objects = PregnancyQuerySet.as_manager()

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


class ConsultationQuerySet(models.QuerySet):
    def for_clinic(self, clinic):
        """Consultations a clinic may see: its own, always (its journal outlives a closed
        referral); other clinics' signed ones of its own patients, and of a pregnancy referred
        to it while the referral is open; another clinic's drafts never."""
        if clinic is None:
            return self.none()
        referred = Referral.objects.open().filter(to_clinic=clinic, pregnancy=OuterRef("pregnancy"))
        return self.filter(
            Q(clinic=clinic)
            | ((Q(patient__clinic=clinic) | Exists(referred)) & Q(status=Consultation.Status.SIGNED))
        )

    def of_patient_for(self, clinic, patient):
        """Her consultations the clinic may see (for_clinic), with the rule simplified where
        her own clinic is asking: its own, and every signed one."""
        if patient.clinic_id == clinic.pk:
            return self.filter(Q(clinic=clinic) | Q(status=Consultation.Status.SIGNED),
                               patient=patient)
        return self.for_clinic(clinic).filter(patient=patient)

    def for_timeline(self):
        """Newest first, with clinic, clinician and pain scores loaded (a fixed number of
        queries), only the columns a timeline row shows (TIMELINE_SHOWN)."""
        return (
            self.select_related("clinician", "clinic").only(*TIMELINE_SHOWN)
            .prefetch_related("pain_scores")
            .order_by("-seen_at", "-pk")
        )

    def drafts(self):
        return self.filter(status=Consultation.Status.DRAFT)

    def drafts_by(self, user):
        """Her own unsigned drafts, oldest first (the longest waiting come first)."""
        return self.drafts().filter(clinician=user).order_by("seen_at", "pk")

    def with_red_flag_marks(self):
        """Annotate has_red_flag (a red flag present) and red_flag_awaiting (present with no
        action recorded yet: signing is blocked until it is)."""
        return self.annotate(
            has_red_flag=Exists(_present_flags()),
            red_flag_awaiting=Exists(_present_flags().filter(action_taken__regex=r"^\s*$")),
        )

    def red_flag_open(self, *, since):
        """Consultations with a red flag present that still await action, oldest first: no
        action recorded yet (a draft cannot be signed so), or seen since `since` with no later
        visit in her pregnancy to follow the action up."""
        later = Consultation.objects.filter(pregnancy=OuterRef("pregnancy"),
                                            seen_at__gt=OuterRef("seen_at"))
        return (
            self.with_red_flag_marks().annotate(followed_up=Exists(later))
            .filter(Q(has_red_flag=True), Q(red_flag_awaiting=True)
                    | Q(seen_at__gte=since, followed_up=False))
            .order_by("seen_at", "pk")
        )


# A timeline row: the visit's link, date, stage, kind, clinician, clinic, assessment and
# status (a whole visit row is ~70 columns; building their SQL was most of the page's time).
TIMELINE_SHOWN = (
    "public_id", "patient", "pregnancy", "seen_at", "kind", "status", "diagnosis", "subgroup",
    "ga_days_at_visit", "postpartum_days_at_visit", "clinic", "clinic__name", "clinician",
    "clinician__first_name", "clinician__last_name", "clinician__username",
)


def _present_flags():
    from assessments.catalogue import RedFlagStatus
    from assessments.models import RedFlagAnswer

    return RedFlagAnswer.objects.filter(consultation=OuterRef("pk"), status=RedFlagStatus.PRESENT)


class Consultation(models.Model):
    class Kind(models.TextChoices):
        FIRST = "first", _("First consultation")
        FOLLOW_UP = "follow_up", _("Follow-up")
        POSTPARTUM = "postpartum", _("After the birth")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")

    class Finding(models.TextChoices):
        NORMAL = "normal", _("Normal")
        ABNORMAL = "abnormal", _("Abnormal")

    class Sleep(models.TextChoices):
        UNDISTURBED = "undisturbed", _("Sleeps well")
        DISTURBED = "disturbed", _("Woken by pain at times")
        BADLY_DISTURBED = "badly_disturbed", _("Woken by pain most nights")

    class WorkStatus(models.TextChoices):
        WORKING = "working", _("Working, no sick leave")
        PARTIAL = "partial", _("Partial sick leave")
        FULL = "full", _("Full sick leave")
        NOT_EMPLOYED = "not_employed", _("Not in paid work")

    class RepeatedMovements(models.TextChoices):
        NO_EFFECT = "no_effect", _("No lasting change")
        CENTRALISES = "centralises", _("Pain centralises or eases")
        PERIPHERALISES = "peripheralises", _("Pain spreads further into the leg")

    class SickLeaveAdvice(models.TextChoices):
        NONE = "none", _("No sick leave")
        PARTIAL = "partial", _("Partial sick leave")
        FULL = "full", _("Full sick leave")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="consultations")
    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.PROTECT, related_name="consultations"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="consultations")
    clinician = models.ForeignKey(
        "clinics.User", on_delete=models.PROTECT, related_name="consultations"
    )
    # A colleague who took over the draft is its clinician; from whom, and when, is kept.
    taken_over_from = models.ForeignKey(
        "clinics.User", on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="+",
    )
    taken_over_at = models.DateTimeField(null=True, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FIRST)
    seen_at = models.DateTimeField(_("date and time"), default=timezone.now)
    ga_days_at_visit = models.SmallIntegerField(null=True, editable=False)
    postpartum_days_at_visit = models.SmallIntegerField(null=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    signed_by = models.ForeignKey(
        "clinics.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "clinics.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # History (anamnese)
    onset_date = models.DateField(_("onset date"), null=True, blank=True)
    onset_ga_weeks = models.PositiveSmallIntegerField(_("onset in gestational week"), null=True, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(_("duration (weeks)"), null=True, blank=True)
    pain_regions = models.JSONField(_("where it hurts"), default=list, blank=True)
    aggravating = models.JSONField(_("what makes it worse"), default=list, blank=True)
    sleep = models.CharField(_("sleep"), max_length=20, choices=Sleep.choices, blank=True)
    work_status = models.CharField(_("work"), max_length=20, choices=WorkStatus.choices, blank=True)
    sick_leave_percent = models.PositiveSmallIntegerField(_("sick leave (%)"), null=True, blank=True)
    usual_training = models.TextField(_("usual training and activity"), blank=True, max_length=2000)
    risk_factors = models.JSONField(_("risk factors"), default=list, blank=True)
    yellow_flags = models.JSONField(_("yellow flags"), default=dict, blank=True)
    goals = models.TextField(_("her own goals"), blank=True, max_length=2000)
    history_notes = models.TextField(_("history notes"), blank=True, max_length=5000)

    # Examination
    gait = models.CharField(_("gait"), max_length=10, choices=Finding.choices, blank=True)
    gait_note = models.CharField(_("gait note"), max_length=300, blank=True)
    lumbar_movement = models.CharField(
        _("lumbar movement"), max_length=10, choices=Finding.choices, blank=True
    )
    repeated_movements = models.CharField(
        _("response to repeated movements"), max_length=20, choices=RepeatedMovements.choices,
        blank=True,
    )
    lumbar_note = models.CharField(_("lumbar note"), max_length=300, blank=True)
    neuro_strength = models.CharField(_("strength"), max_length=10, choices=Finding.choices, blank=True)
    neuro_sensation = models.CharField(_("sensation"), max_length=10, choices=Finding.choices, blank=True)
    neuro_reflexes = models.CharField(_("reflexes"), max_length=10, choices=Finding.choices, blank=True)
    neuro_slr = models.CharField(
        _("straight-leg raise"), max_length=10, choices=Finding.choices, blank=True
    )
    neuro_note = models.CharField(_("neuro note"), max_length=300, blank=True)
    painful_hip_rotation = models.BooleanField(_("painful hip rotation"), default=False)
    palpation_notes = models.TextField(_("palpation notes"), blank=True, max_length=2000)
    systolic = models.PositiveSmallIntegerField(_("systolic (mmHg)"), null=True, blank=True)
    diastolic = models.PositiveSmallIntegerField(_("diastolic (mmHg)"), null=True, blank=True)
    temperature = models.DecimalField(
        _("temperature (°C)"), max_digits=3, decimal_places=1, null=True, blank=True
    )

    # Assessment: the suggestion and the clinician's decision, side by side
    suggested_diagnosis = models.CharField(max_length=20, blank=True, editable=False)
    suggested_subgroup = models.CharField(max_length=30, blank=True, editable=False)
    diagnosis = models.CharField(_("assessment"), max_length=20, blank=True)
    subgroup = models.CharField(_("subgroup"), max_length=30, blank=True)
    icd10 = models.CharField(_("ICD-10 code"), max_length=10, default="O26.7")
    assessment_notes = models.TextField(_("assessment notes"), blank=True, max_length=5000)

    # Plan
    education_given = models.JSONField(_("education given"), default=list, blank=True)
    treatments = models.JSONField(_("treatment given"), default=list, blank=True)
    treatment_region = models.CharField(_("treated region"), max_length=200, blank=True)
    treatment_notes = models.TextField(_("treatment notes"), blank=True, max_length=2000)
    pelvic_belt = models.BooleanField(_("pelvic belt advised"), default=False)
    pelvic_belt_when = models.CharField(_("when to use the belt"), max_length=200, blank=True)
    satin_sheet = models.BooleanField(_("satin sheet advised"), default=False)
    activity_advice = models.TextField(_("activity advice"), blank=True, max_length=2000)
    work_advice = models.TextField(_("work advice"), blank=True, max_length=2000)
    sick_leave_advice = models.CharField(
        _("sick-leave advice"), max_length=10, choices=SickLeaveAdvice.choices, blank=True
    )
    referral = models.CharField(_("referral"), max_length=30, blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    plan_notes = models.TextField(_("plan notes"), blank=True, max_length=5000)

    # Values the clinician took over from the last visit with one click (carry_forward.py),
    # and that visit's day: the record marks them as confirmed, not found today.
    confirmed_from_previous = models.JSONField(default=list, blank=True, editable=False)
    previous_visit_on = models.DateField(null=True, blank=True, editable=False)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-seen_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_at__isnull=False, signed_by__isnull=False),
                name="signed_has_signer",
            ),
        ]
        # Each justified by an EXPLAIN in docs/performance.md.
        indexes = [
            # the visibility triggers' "has the clinic written about her"
            models.Index(fields=["clinic", "patient"], name="consultation_clinic_patient"),
            # the dashboard's follow-ups due this week
            models.Index(fields=["clinic", "follow_up_on"], name="consultation_follow_up"),
            # the dashboard's recent visits (pain worse), and a pregnancy's latest visit
            models.Index(fields=["clinic", "seen_at"], name="consultation_clinic_seen"),
            models.Index(fields=["pregnancy", "clinic", "seen_at"],
                         name="consultation_pregnancy_seen"),
            # the dashboard's "my unsigned drafts", oldest first: only the drafts are indexed
            models.Index(fields=["clinician", "clinic", "seen_at", "id"],
                         condition=Q(status="draft"), name="consultation_drafts_by"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.seen_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return links.by_public_id("consultations:consultation_detail", self.public_id)

    def get_edit_url(self):
        return links.by_public_id("consultations:consultation_edit", self.public_id)

    @property
    def is_signed(self):
        return self.status == self.Status.SIGNED

    def may_be_deleted_by(self, user):
        """Only an unsigned draft, and only by the clinician who created it."""
        return not self.is_signed and self.clinician_id == user.pk

    @property
    def stage(self):
        return gestation.PregnancyStage(
            kind="postpartum" if self.postpartum_days_at_visit is not None else "pregnant",
            ga_days=self.ga_days_at_visit,
            postpartum_days=self.postpartum_days_at_visit,
        )

    def snapshot_stage(self):
        """Store the gestational age (or days since birth) on the day of the visit."""
        stage = self.pregnancy.stage_on(timezone.localtime(self.seen_at).date())
        self.ga_days_at_visit = stage.ga_days if stage.kind != "postpartum" else None
        self.postpartum_days_at_visit = stage.postpartum_days

    def confirmed_from_last_visit(self, name):
        """True if this field's value was taken over from the last visit, not found today."""
        return name in self.confirmed_from_previous

    @property
    def questionnaires_at_visit(self):
        """PGQs entered before signing: part of the record (uses the prefetch if any)."""
        return [q for q in self.questionnaires.all() if not q.added_after_signing]

    @property
    def questionnaires_added(self):
        """PGQs entered after signing: dated, signed additions below the locked original."""
        return [q for q in self.questionnaires.all() if q.added_after_signing]

    @property
    def headline_pain(self):
        """The first pain score recorded (prefetched with for_timeline)."""
        scores = list(self.pain_scores.all())
        return scores[0] if scores else None


class Amendment(models.Model):
    """A dated, signed addition to a signed consultation; the original stays as it was."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="amendments"
    )
    author = models.ForeignKey("clinics.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=300)
    text = models.TextField(_("amendment"), max_length=5000)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["created_at", "pk"]


class ReferralQuerySet(models.QuerySet):
    def open(self):
        """Referrals not yet closed."""
        return self.filter(closed_at__isnull=True)

    def to_clinic(self, clinic):
        return self.filter(to_clinic=clinic)

    def sent_from(self, clinic):
        """The clinic's referrals, newest first, with their state (with_first_visit)."""
        return self.filter(from_clinic=clinic).with_first_visit().order_by("-created_at", "-pk")

    def with_first_visit(self):
        """Annotate first_visit_at: the receiving clinic's first visit in that pregnancy (None
        while she waits), which Referral.state reads."""
        first_visit = (
            Consultation.objects.filter(clinic=OuterRef("to_clinic"), pregnancy=OuterRef("pregnancy"))
            .order_by("seen_at").values("seen_at")[:1]
        )
        return self.annotate(first_visit_at=models.Subquery(first_visit))


class Referral(models.Model):
    """A pregnancy episode shared with another clinic; while open, that clinic takes part."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.PROTECT, related_name="referrals")
    from_clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    to_clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="referrals_received",
        verbose_name=_("to clinic"),
    )
    reason = models.TextField(_("reason for referral"), max_length=2000, blank=True)
    created_by = models.ForeignKey("clinics.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        "clinics.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Her details when it closed: what the receiving clinic keeps seeing, never later edits.
    patient_snapshot = models.JSONField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)  # pgp_clinic/versioning.py

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pregnancy", "to_clinic"], condition=Q(closed_at__isnull=True),
                name="one_open_referral_per_clinic",
                violation_error_message=_("She is already referred to this clinic."),
            ),
            models.CheckConstraint(
                condition=~Q(from_clinic=models.F("to_clinic")), name="referral_to_another_clinic"
            ),
        ]
        # The dashboard's "referred, awaiting a first visit" (docs/performance.md).
        indexes = [models.Index(fields=["to_clinic", "created_at"],
                                condition=Q(closed_at__isnull=True), name="referral_open_to"),
                   # the dashboard's "referrals sent", newest first (read backwards)
                   models.Index(fields=["from_clinic", "created_at", "id"],
                                name="referral_sent_from")]

    @property
    def is_open(self):
        return self.closed_at is None

    class State(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting a first visit")
        SEEN = "seen", _("Seen by the physiotherapist")
        CLOSED = "closed", _("Closed")

    @property
    def state(self):
        """Awaiting a first visit, seen, or closed (first_visit_at comes from sent_from())."""
        if self.closed_at is not None:
            return self.State.CLOSED
        if getattr(self, "first_visit_at", None) is not None:
            return self.State.SEEN
        return self.State.AWAITING


class Visibility(models.Model):
    """That a clinic sees a woman, and why (see PatientQuerySet.for_clinic); her name and last
    visit copied for the list's order. Kept by database triggers (visibility.py), never
    written by the app."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="visibility")
    last_name = models.CharField(max_length=100)
    first_name = models.CharField(max_length=100)
    # Both names upper-cased in one value, what a search by name reads: one LIKE a row, not
    # two UPPER() and two LIKEs (a common name is matched against all the clinic's women).
    name_key = models.GeneratedField(
        expression=Concat(Upper("first_name"), models.Value(NAME_KEY_SEPARATOR), Upper("last_name")),
        output_field=models.TextField(), db_persist=True)
    last_seen_at = models.DateTimeField()
    # Her newest due date among the episodes this clinic may see (the list's "due" order).
    current_edd = models.DateField(null=True)
    owner = models.BooleanField(default=False)
    referred = models.BooleanField(default=False)
    wrote = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "patient"], name="one_visibility_per_pair"),
        ]
        indexes = [
            # Covering the list's columns: a search's page walks this index in name order and
            # checks each row's names in the index itself, not the table (docs/performance.md)
            models.Index(fields=["clinic", "last_name", "first_name", "patient"],
                         include=["name_key", "last_seen_at", "current_edd"],
                         name="visibility_by_name"),
            models.Index(models.F("clinic"), models.F("last_seen_at").desc(),
                         models.F("last_name"), models.F("patient"), name="visibility_recent"),
            models.Index(fields=["patient"], name="visibility_patient"),
            models.Index(fields=["clinic", "current_edd", "last_name", "patient"],
                         name="visibility_by_due"),
        ]


class WorkCard(models.Model):
    """Her latest visit at a clinic in one pregnancy episode, with what the dashboard's work
    cards decided about it (issue 12, item 3): the follow-up date of that latest visit (due
    within the week: "follow-ups due"), and whether her pain got clinically worse (R6)
    between the clinic's last two signed visits with pain scores ("pain worse"). Written by
    consultations/worklist.py when a visit is saved, signed or deleted; the cards read it
    through the two partial indexes below. Derived, so never in the change history."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+")
    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()
    follow_up_on = models.DateField(null=True, blank=True)
    # "Pain worse": the later visit, its score that got worse, the earlier value and the
    # earlier visit's time (the card shows pairs whose earlier visit is recent).
    worse_visit = models.ForeignKey(Consultation, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    worse_score = models.ForeignKey("assessments.PainScore", on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    worse_from = models.PositiveSmallIntegerField(null=True)
    worse_since = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "pregnancy"], name="one_work_card_per_episode"),
        ]
        indexes = [
            models.Index(fields=["clinic", "follow_up_on"], condition=Q(follow_up_on__isnull=False),
                         name="work_card_due"),
            models.Index(fields=["clinic", "worse_since"], condition=Q(worse_score__isnull=False),
                         name="work_card_worse"),
        ]


class AccessLogEntry(models.Model):
    """Who looked at which woman's data, in which clinic, what and when (append-only)."""

    user = models.ForeignKey("clinics.User", on_delete=models.PROTECT, related_name="+")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="access_log")
    what = models.CharField(_("what"), max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["patient", "-at"], name="access_log_patient_at")]

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("access log entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("access log entries are never deleted")


class HistoryEntry(models.Model):
    """A change to a clinical row, written by a database trigger (so bulk updates, raw SQL and
    cascades are caught too): the values before and after, who and when."""

    table_name = models.CharField(max_length=80)
    row_id = models.BigIntegerField()
    operation = models.CharField(max_length=10)  # insert / update / delete
    old_values = models.JSONField(null=True)
    new_values = models.JSONField(null=True)
    actor_id = models.BigIntegerField(null=True)
    patient_id = models.BigIntegerField(null=True, db_index=True)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("change history")
        ordering = ["-changed_at", "-pk"]
        managed = True

    @property
    def is_deleted_draft(self):
        """A consultation row removed: only unsigned drafts are ever deleted."""
        return self.table_name == "consultations_consultation" and self.operation == "delete"

    def changed_fields(self):
        """(field, before, after) for an update; every field for an insert or delete. A new
        CPR number shows as changed, never as its token or digest."""
        old, new = self.old_values or {}, self.new_values or {}
        skip = {"id", "version", "updated_at", "updated_by_id", "last_seen_at", "cpr_encrypted",
                "token_encrypted", "token_digest"}
        changes = [(key, old.get(key), new.get(key)) for key in sorted(set(old) | set(new))
                   if key not in skip and old.get(key) != new.get(key)]
        if self.actor_id is None and [key for key, _b, _a in changes] == ["cpr_digest"]:
            return [("cpr", "•••", _("the same number under a new key"))]  # rotate_cpr_key
        return [("cpr", "•••", "•••") if key == "cpr_digest" else (key, before, after)
                for key, before, after in changes]


class HistoryActor(models.Model):
    """SQLite only: who is writing now (PostgreSQL uses a session setting instead)."""

    user_id = models.BigIntegerField(null=True)
