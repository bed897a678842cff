import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultations import cpr_crypto


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
    # Secure by default: on for every clinic; a clinic administrator may turn it off only with
    # a recorded reason (clinics/staff.py::set_two_factor_policy, in the change history).
    require_two_factor = models.BooleanField(
        _("two-factor sign-in required"), default=True,
        help_text=_("Clinicians of this clinic must sign in with a code from an authenticator app."),
    )
    two_factor_off_reason = models.TextField(_("why two-factor sign-in is off"), blank=True)
    # Made by `manage.py load_demo`; it refuses to run where any other clinic exists.
    is_demo = models.BooleanField(default=False, editable=False)
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

    clinics = models.ManyToManyField(Clinic, through="Membership", through_fields=("user", "clinic"),
                                     related_name="members")

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
    def active(self):
        """Memberships not deactivated (a deactivated one is kept for the record)."""
        return self.filter(deactivated_at__isnull=True)

    def for_user(self, user):
        """The clinics a user works in now, with the clinic loaded."""
        return self.active().filter(user=user).select_related("clinic").order_by("clinic__name")

    def staff_of(self, clinic):
        """A clinic's staff for the administrator's list: the person, her app, her invitation."""
        return (self.filter(clinic=clinic)
                .select_related("user", "user__two_factor", "deactivated_by")
                .order_by(models.F("deactivated_at").asc(nulls_first=True), "user__last_name",
                          "user__first_name", "user__username"))


class Membership(models.Model):
    class Role(models.TextChoices):
        GP = "gp", _("General practitioner")
        PHYSIOTHERAPIST = "physiotherapist", _("Physiotherapist")
        MIDWIFE = "midwife", _("Midwife")
        CLINIC_ADMIN = "clinic_admin", _("Clinic administrator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)
    deactivated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "clinic"], name="one_membership_per_clinic"),
        ]

    def __str__(self):
        return f"{self.user} – {self.clinic} ({self.get_role_display()})"

    @property
    def is_active(self):
        return self.deactivated_at is None


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
    # The TOTP secret as a Fernet token under the CPR key scheme (consultations/cpr_crypto.py):
    # a database dump without PGP_CPR_KEY holds no usable secret. `manage.py rotate_keys`
    # re-encrypts it with the CPR numbers.
    secret_encrypted = models.TextField(editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_counter = models.BigIntegerField(null=True, blank=True)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def secret(self):
        return cpr_crypto.decrypt(self.secret_encrypted)

    @secret.setter
    def secret(self, value):
        self.secret_encrypted = cpr_crypto.encrypt(value)

    def reencrypt_secret(self):
        """Under the current key; True if it changed (rotate_keys)."""
        if cpr_crypto.is_current_token(self.secret_encrypted):
            return False
        self.secret = self.secret
        return True


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)


class Invitation(models.Model):
    """A one-time, expiring link that lets a new colleague set her password (and so activate
    the account her administrator made). Only a digest of the token is kept; the link is shown
    once, to be handed over without a mail server."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")


class UserSession(models.Model):
    """A signed-in session of a user, so she (and a deactivation) can see and end it. The
    session itself lives in Django's session table; this row names it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    address = models.GenericIPAddressField(null=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]
