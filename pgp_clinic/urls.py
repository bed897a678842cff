from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from clinics.account_views import (
    PasswordChangeView,
    account_session_end,
    account_sessions,
    welcome,
)
from assessments.views import clinical_rules
from clinics.auth_views import SignInView, login_verify, two_factor_setup
from clinics.views import switch_clinic
from consultations.views import dashboard

from .health import healthz
from .views import bench_floor, bench_frame, set_language

handler400 = "pgp_clinic.views.bad_request"
handler403 = "pgp_clinic.views.permission_denied"
handler404 = "pgp_clinic.views.page_not_found"
handler500 = "pgp_clinic.views.server_error"

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("healthz", healthz, name="healthz"),
    path("sign-in/", SignInView.as_view(), name="login"),
    path("sign-in/code/", login_verify, name="login_verify"),
    path("account/two-factor/", two_factor_setup, name="two_factor_setup"),
    path("account/password/", PasswordChangeView.as_view(), name="password_change"),
    path("account/sessions/", account_sessions, name="account_sessions"),
    path("account/sessions/<int:pk>/end/", account_session_end, name="account_session_end"),
    path("welcome/<str:token>/", welcome, name="welcome"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", set_language, name="set_language"),
    path("clinic/", switch_clinic, name="switch_clinic"),
    path("", include("clinics.urls")),
    path("rules/", clinical_rules, name="clinical_rules"),
    path("", include("consultations.urls")),
    path("", include("education.urls")),
    path("", include("assessments.urls")),
    path("", include("portal.urls")),
    path("", include("interop.urls")),
]

if settings.BENCH_FLOOR:  # make bench-load only: what the middleware alone costs
    urlpatterns += [path("bench/floor/", bench_floor, name="bench_floor"),
                    path("bench/frame/", bench_frame, name="bench_frame")]
