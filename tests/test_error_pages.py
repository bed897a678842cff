"""Every error page is translated, styled and carries the security headers (issue 15):
400, 403, 404, 405, 500 and a CSRF failure; 409 is the edit-conflict notice on the form, and
503 the database page (tests/test_faults.py)."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import path, reverse

from pgp_clinic.views import page_not_found, server_error

pytestmark = pytest.mark.django_db


@login_not_required
def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), *__import__("pgp_clinic.urls").urls.urlpatterns]
handler400 = "pgp_clinic.views.bad_request"
handler403 = "pgp_clinic.views.permission_denied"
handler404 = "pgp_clinic.views.page_not_found"
handler500 = "pgp_clinic.views.server_error"


def assert_error_page(response, status, text, language):
    assert response.status_code == status
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{language}">' in html
    assert "css/app.css" in html  # styled like the rest of PGP Clinic
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("language, text", [("da", "Siden findes ikke"), ("en", "Page not found")])
def test_not_found_is_translated_and_styled(alice_client, language, text):
    response = in_language(alice_client, language).get("/no-such-page/")
    assert_error_page(response, 404, text, language)


@pytest.mark.parametrize("language, text", [
    ("da", "Du har ikke adgang til denne side"), ("en", "You do not have access to this page"),
])
def test_refused_is_translated_and_styled(alice_client, patient, language, text):
    # A GP may not read the access log (the clinic administrator does).
    url = reverse("consultations:access_log", kwargs={"public_id": patient.public_id})
    response = in_language(alice_client, language).get(url)
    assert_error_page(response, 403, text, language)


@pytest.mark.parametrize("language, text", [
    ("da", "Siden kan ikke åbnes på den måde"), ("en", "This page cannot be opened that way"),
])
def test_wrong_method_is_translated_and_styled_and_keeps_allow(alice_client, patient, language,
                                                                text):
    client = in_language(alice_client, language)
    put = client.put("/")  # refused by AllowedMethodsMiddleware before any view
    assert_error_page(put, 405, text, language)
    assert "POST" in put["Allow"]
    url = reverse("consultations:referral_create", kwargs={"public_id": patient.public_id})
    get = client.get(url)  # refused by the view's require_POST
    assert_error_page(get, 405, text, language)
    assert get["Allow"] == "POST"


@pytest.mark.parametrize("language, text", [
    ("da", "Formularen var udløbet"), ("en", "The form had expired"),
])
def test_csrf_failure_is_translated_and_styled(language, text):
    client = in_language(Client(enforce_csrf_checks=True), language)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert_error_page(response, 403, text, language)


@pytest.mark.urls("tests.test_error_pages")
@pytest.mark.parametrize("language, text", [
    ("da", "Der gik noget galt hos os"), ("en", "Something went wrong on our side"),
])
def test_server_error_is_translated_and_styled(language, text):
    client = in_language(Client(raise_request_exception=False), language)
    response = client.get("/boom/")
    assert_error_page(response, 500, text, language)


def test_bad_input_and_handlers_render_without_a_user(rf):
    # The handlers touch neither the database nor request.user: a 500 must render when they fail.
    request = rf.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Page not found" in page_not_found(request, None).content.decode()
    assert server_error(request).status_code == 500
