from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("patients/", views.patient_list, name="patient_list"),
    path("patients/new/", views.patient_create, name="patient_create"),
    path("patients/<uuid:public_id>/", views.patient_detail, name="patient_detail"),
    path("patients/<uuid:public_id>/edit/", views.patient_edit, name="patient_edit"),
    path(
        "patients/<uuid:public_id>/pregnancies/new/",
        views.pregnancy_create,
        name="pregnancy_create",
    ),
    path(
        "patients/<uuid:public_id>/pregnancies/<uuid:pregnancy_id>/edit/",
        views.pregnancy_edit,
        name="pregnancy_edit",
    ),
]
