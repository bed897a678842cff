"""The pages the woman sees: no clinician sign-in, the link's token and her birth date instead."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404


@login_not_required
def check(request, token):
    raise Http404
