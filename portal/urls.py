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
