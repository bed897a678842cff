from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    """Her episode in the forms other systems read: FHIR, letters, reports and exports."""

    name = "interop"
    verbose_name = _("Exports and reports")
