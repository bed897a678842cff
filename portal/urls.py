from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("p/<str:token>/", views.check, name="check"),
]
