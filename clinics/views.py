import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .middleware import SESSION_KEY
from .models import Membership


@require_POST
def switch_clinic(request):
    try:
        clinic_id = uuid.UUID(request.POST.get("clinic", ""))
    except ValueError:
        raise Http404 from None
    membership = get_object_or_404(
        Membership.objects.for_user(request.user), clinic__public_id=clinic_id
    )
    request.session[SESSION_KEY] = str(membership.clinic.public_id)
    messages.success(request, _("You now work in %(clinic)s.") % {"clinic": membership.clinic})
    return redirect("dashboard")
