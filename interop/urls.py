from django.urls import path

from . import fhir_views

app_name = "interop"

urlpatterns: list = []

urlpatterns += [
    path("patients/<uuid:public_id>/pregnancies/<uuid:pregnancy_id>/export.fhir.json",
         fhir_views.fhir_export, name="fhir_export"),
]
