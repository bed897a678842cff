from django.urls import path

from . import staff_views

app_name = "clinics"

urlpatterns = [
    path("staff/", staff_views.staff_list, name="staff_list"),
    path("staff/invite/", staff_views.staff_invite, name="staff_invite"),
    path("staff/two-factor/", staff_views.two_factor_policy, name="two_factor_policy"),
    path("staff/<str:username>/", staff_views.staff_member, name="staff_member"),
    path("staff/<str:username>/role/", staff_views.staff_role, name="staff_role"),
    path("staff/<str:username>/deactivate/", staff_views.staff_deactivate,
         name="staff_deactivate"),
    path("staff/<str:username>/reactivate/", staff_views.staff_reactivate,
         name="staff_reactivate"),
    path("staff/<str:username>/reset-two-factor/", staff_views.staff_reset_two_factor,
         name="staff_reset_two_factor"),
    path("staff/<str:username>/new-link/", staff_views.staff_new_link, name="staff_new_link"),
]
