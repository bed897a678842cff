from django.urls import path

from . import (
    consultation_views,
    draft_views,
    handout_views,
    progress_views,
    record_views,
    referral_views,
    views,
)

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

urlpatterns += [
    path(
        "patients/<uuid:public_id>/consultations/new/",
        consultation_views.consultation_create,
        name="consultation_create",
    ),
    path(
        "patients/<uuid:public_id>/consultations/support/",
        consultation_views.consultation_support,
        name="consultation_support",
    ),
    path(
        "consultations/<uuid:public_id>/",
        consultation_views.consultation_detail,
        name="consultation_detail",
    ),
    path(
        "consultations/<uuid:public_id>/edit/",
        consultation_views.consultation_edit,
        name="consultation_edit",
    ),
    path(
        "consultations/<uuid:public_id>/take-over/",
        consultation_views.consultation_take_over,
        name="consultation_take_over",
    ),
    path(
        "consultations/<uuid:public_id>/amend/",
        consultation_views.consultation_amend,
        name="consultation_amend",
    ),
]

urlpatterns += [
    path(
        "consultations/<uuid:public_id>/handouts/<slug:kind>/",
        handout_views.handout_preview,
        name="handout_preview",
    ),
    path(
        "consultations/<uuid:public_id>/handouts/<slug:kind>.pdf",
        handout_views.handout_pdf,
        name="handout_pdf",
    ),
]

urlpatterns += [
    path("patients/<uuid:public_id>/referrals/new/", referral_views.referral_create,
         name="referral_create"),
    path("referrals/<uuid:public_id>/close/", referral_views.referral_close,
         name="referral_close"),
    path("referrals/clinics/", referral_views.referral_targets, name="referral_targets"),
]

urlpatterns += [
    path("patients/<uuid:public_id>/progress/", progress_views.progress, name="progress"),
    path("patients/<uuid:public_id>/progress.pdf", progress_views.progress_pdf,
         name="progress_pdf"),
    path("patients/<uuid:public_id>/record.pdf", record_views.record_pdf, name="record_pdf"),
]

urlpatterns += [
    path("consultations/<uuid:public_id>/pgq/new/", consultation_views.pgq_create,
         name="pgq_create"),
]

urlpatterns += [
    path("patients/<uuid:public_id>/access-log/", views.access_log, name="access_log"),
]

urlpatterns += [
    path("patients/<uuid:public_id>/history/", views.change_history, name="change_history"),
]

urlpatterns += [
    path("patients/<uuid:public_id>/consultations/autosave/", draft_views.autosave_new,
         name="consultation_autosave_new"),
    path("consultations/<uuid:public_id>/autosave/", draft_views.autosave,
         name="consultation_autosave"),
    path("consultations/<uuid:public_id>/delete/", draft_views.draft_delete, name="draft_delete"),
]
