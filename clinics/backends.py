"""The signed-in user of each request, loaded with her clinics in one query (issue 12).

Every request of a signed-in user needs her user row, her active memberships with their
clinics (clinics/middleware.py: which clinic she works in now, what she may do there) and, as
every clinic requires it by default, whether her authenticator app is set up. Django's
ModelBackend loads the user alone; the memberships and the app were two more queries on every
page. ClinicBackend loads her memberships with the clinic, the user and her app joined, once,
through a query built once per process (pgp_clinic/prepared.py), and hands the memberships on
with the user (`memberships_of`). Passwords are checked exactly as by ModelBackend.
"""

from django.contrib.auth.backends import ModelBackend

from pgp_clinic.prepared import PreparedQuery

from .models import Membership

_LOADED = "_active_memberships"  # set on the user object of this request only

WITH_MEMBERSHIPS = PreparedQuery(
    lambda user: Membership.objects.for_user(user).select_related("user", "user__two_factor"),
    user=int,
)


class ClinicBackend(ModelBackend):
    def get_user(self, user_id):
        memberships = WITH_MEMBERSHIPS.list(user=int(user_id))
        if not memberships:  # no active clinic (she sees the "no clinic" page): the user alone
            user = super().get_user(user_id)
            if user is not None:
                setattr(user, _LOADED, [])
            return user
        user = memberships[0].user
        for membership in memberships:
            membership.user = user  # one object for her, as the middleware used to have
        setattr(user, _LOADED, memberships)
        return user if self.user_can_authenticate(user) else None


def memberships_of(user):
    """Her active memberships with their clinics, by clinic name: those loaded with her for
    this request by ClinicBackend, else (a user loaded another way) from the database."""
    loaded = getattr(user, _LOADED, None)
    return loaded if loaded is not None else list(Membership.objects.for_user(user))
