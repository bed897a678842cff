from django.urls import path

from . import views

app_name = "portal"

# The address she is given carries nothing but the token (portal/tokens.py). One URL name per
# step, so that each page is its own kind for the permission sweep and the axe audits.
urlpatterns = [
    path("p/<str:token>/", views.check, name="check"),
    *[path(f"p/<str:token>/{step}/", views.step, {"name": step}, name=step) for step in views.FORMS],
    path("p/<str:token>/thanks/", views.thanks, name="thanks"),
]

# The clinician's side (portal/clinician_views.py): signed in, her record through the access
# helpers.
from . import clinician_views  # noqa: E402

urlpatterns += [
    path("patients/<uuid:public_id>/questionnaire-links/new/", clinician_views.link_new,
         name="link_new"),
    path("patients/<uuid:public_id>/questionnaire-links/<uuid:link_id>/",
         clinician_views.link_detail, name="link_detail"),
    path("patients/<uuid:public_id>/questionnaire-links/<uuid:link_id>/handed-over/",
         clinician_views.link_sent, name="link_sent"),
    path("patients/<uuid:public_id>/questionnaire-links/<uuid:link_id>/revoke/",
         clinician_views.link_revoke, name="link_revoke"),
    path("patients/<uuid:public_id>/reports/<uuid:report_id>/seen/",
         clinician_views.report_seen, name="report_seen"),
]
