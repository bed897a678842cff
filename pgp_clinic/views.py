from django.contrib.auth.decorators import login_not_required
from django.views.i18n import set_language as django_set_language


@login_not_required
def set_language(request):
    """Django's language switch, open to the sign-in page too."""
    return django_set_language(request)
