from django.urls import path  # noqa: F401  (routes are added per feature)

urlpatterns: list = []
