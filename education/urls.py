from django.urls import path

from . import views

app_name = "education"

urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/exercises/new/", views.exercise_create, name="exercise_create"),
    path("library/exercises/<int:pk>/edit/", views.exercise_edit, name="exercise_edit"),
    path("library/topics/<int:pk>/edit/", views.topic_edit, name="topic_edit"),
]
