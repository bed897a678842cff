from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from clinics.auth_views import SignInView, login_verify, two_factor_setup
from clinics.views import switch_clinic
from consultations.views import dashboard

from .views import bench_floor, set_language

handler500 = "pgp_clinic.views.server_error"

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("sign-in/", SignInView.as_view(), name="login"),
    path("sign-in/code/", login_verify, name="login_verify"),
    path("account/two-factor/", two_factor_setup, name="two_factor_setup"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", set_language, name="set_language"),
    path("clinic/", switch_clinic, name="switch_clinic"),
    path("", include("consultations.urls")),
    path("", include("education.urls")),
]

if settings.BENCH_FLOOR:  # make bench-load only: what the middleware alone costs
    urlpatterns += [path("bench/floor/", bench_floor, name="bench_floor")]
