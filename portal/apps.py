from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Everything the woman herself sees: the questionnaire link she answers at home."""

    name = "portal"
    verbose_name = _("Patient portal")
