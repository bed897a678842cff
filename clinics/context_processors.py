def current_clinic(request):
    return {
        "memberships": getattr(request, "memberships", []),
        "current_membership": getattr(request, "membership", None),
        "current_clinic": getattr(request, "clinic", None),
    }
