from django.urls import path

from . import adherence_views, fhir_views, letter_views, research_views

app_name = "interop"

urlpatterns: list = []

# Letters shaped like MedCom's (docs/medcom-letters.md) and the research export.
urlpatterns += [
    path("referrals/<uuid:public_id>/letter/", letter_views.referral_letter_page,
         name="referral_letter"),
    path("referrals/<uuid:public_id>/letter.pdf", letter_views.referral_letter_pdf,
         name="referral_letter_pdf"),
    path("patients/<uuid:public_id>/pregnancies/<uuid:pregnancy_id>/discharge-letter/",
         letter_views.discharge_letter_page, name="discharge_letter"),
    path("patients/<uuid:public_id>/pregnancies/<uuid:pregnancy_id>/discharge-letter.pdf",
         letter_views.discharge_letter_pdf, name="discharge_letter_pdf"),
    path("research-export/", research_views.research_export, name="research_export"),
]

# FHIR R4 export of one pregnancy episode (docs/fhir.md).
urlpatterns += [
    path("patients/<uuid:public_id>/pregnancies/<uuid:pregnancy_id>/export.fhir.json",
         fhir_views.fhir_export, name="fhir_export"),
]

# Guideline-adherence report of the clinic (docs/clinical-rules.md A1)
urlpatterns += [
    path("reports/adherence/", adherence_views.adherence_report, name="adherence_report"),
    path("reports/adherence.csv", adherence_views.adherence_csv, name="adherence_csv"),
    path("reports/adherence/<slug:key>/", adherence_views.adherence_list, name="adherence_list"),
]
