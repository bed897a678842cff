"""Django messages that its own Danish catalogue lacks, so that makemessages collects them.

Our locale/ comes before Django's in the lookup order, so these translations take effect.
"""

from django.utils.translation import gettext_noop

MISSING_IN_DJANGOS_DANISH = [
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
]
