from django.urls import path

from . import adherence_views

app_name = "interop"

urlpatterns: list = []

# Guideline-adherence report of the clinic (docs/clinical-rules.md A1)
urlpatterns += [
    path("reports/adherence/", adherence_views.adherence_report, name="adherence_report"),
    path("reports/adherence.csv", adherence_views.adherence_csv, name="adherence_csv"),
    path("reports/adherence/<slug:key>/", adherence_views.adherence_list, name="adherence_list"),
]
