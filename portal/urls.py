from django.urls import path

from . import views

app_name = "portal"

# The address she is given carries nothing but the token (portal/tokens.py).
urlpatterns = [
    path("p/<str:token>/", views.check, name="check"),
    path("p/<str:token>/thanks/", views.thanks, name="thanks"),
    path("p/<str:token>/<slug:name>/", views.step, name="step"),
]
