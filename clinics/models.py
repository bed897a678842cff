import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClinicQuerySet(models.QuerySet):
    SEARCH_LIMIT = 10

    def referral_targets(self, text, *, exclude):
        """Physiotherapy clinics whose name contains the text (all when empty), by name, at
        most SEARCH_LIMIT: a referral's target is searched, never listed in full."""
        clinics = self.filter(kind=Clinic.Kind.PHYSIOTHERAPY).exclude(pk=exclude.pk)
        if text.strip():
            clinics = clinics.filter(name__icontains=text.strip()[:100])
        return clinics.order_by("name", "pk")[: self.SEARCH_LIMIT]


class Clinic(models.Model):
    class Kind(models.TextChoices):
        GENERAL_PRACTICE = "general_practice", _("General practice")
        PHYSIOTHERAPY = "physiotherapy", _("Physiotherapy clinic")
        MIDWIFERY = "midwifery", _("Midwifery clinic")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    require_two_factor = models.BooleanField(
        _("two-factor sign-in required"), default=False,
        help_text=_("Clinicians of this clinic must sign in with a code from an authenticator app."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClinicQuerySet.as_manager()

    class Meta:
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A clinician (or clinic administrator) who signs in."""

    clinics = models.ManyToManyField(Clinic, through="Membership", related_name="members")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def has_two_factor(self):
        device = getattr(self, "two_factor", None)
        return device is not None and device.is_confirmed


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        """The clinics a user works in, with the clinic loaded."""
        return self.filter(user=user).select_related("clinic").order_by("clinic__name")


class Membership(models.Model):
    class Role(models.TextChoices):
        GP = "gp", _("General practitioner")
        PHYSIOTHERAPIST = "physiotherapist", _("Physiotherapist")
        MIDWIFE = "midwife", _("Midwife")
        CLINIC_ADMIN = "clinic_admin", _("Clinic administrator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "clinic"], name="one_membership_per_clinic"),
        ]

    def __str__(self):
        return f"{self.user} – {self.clinic} ({self.get_role_display()})"


class SignInFailureQuerySet(models.QuerySet):
    def recent(self, since):
        return self.filter(at__gte=since)


class SignInFailure(models.Model):
    """A failed sign-in, counted per user name and address together (a clinic shares one
    address, so an address alone never locks anyone out)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = SignInFailureQuerySet.as_manager()


class TwoFactorDevice(models.Model):
    """A clinician's authenticator app (TOTP); confirmed once she has entered a first code."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_counter = models.BigIntegerField(null=True, blank=True)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)
