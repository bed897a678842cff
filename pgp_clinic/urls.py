from django.contrib.auth import views as auth_views
from django.urls import include, path

from clinics.auth_views import SignInView
from clinics.views import switch_clinic
from consultations.views import dashboard

from .views import set_language

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("sign-in/", SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", set_language, name="set_language"),
    path("clinic/", switch_clinic, name="switch_clinic"),
    path("", include("consultations.urls")),
    path("", include("education.urls")),
]
