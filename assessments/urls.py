from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("clinic/pgq-wording/", views.pgq_wording, name="pgq_wording"),
]
