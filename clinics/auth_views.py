from django.contrib.auth import views as auth_views
from django.utils import timezone

from .forms import ThrottledAuthenticationForm
from .middleware import SIGNED_IN_AT


class SignInView(auth_views.LoginView):
    """Sign-in with lockout; Django gives the session a new key, we note when it began."""

    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_AT] = timezone.now().timestamp()
        return response
