from .permissions import allowed


def current_clinic(request):
    return {
        "may": allowed(getattr(request, "membership", None)),
        "memberships": getattr(request, "memberships", []),
        "current_membership": getattr(request, "membership", None),
        "current_clinic": getattr(request, "clinic", None),
    }
