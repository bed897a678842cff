"""PGQ entry by topic, grouped by subscale, and the clinic's licensed wording loaded from a
file it holds (issue 15.6)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.catalogue import PGQ_TOPICS
from assessments.models import PgqWording, QuestionnaireResponse

from ..factories import make_clinician

EN = {"accept-language": "en"}
def _url():
    return reverse("assessments:pgq_wording")


def _wording(prefix="Licensed item", count=25):
    return {str(n): f"{prefix} {n} text" for n in range(1, count + 1)}


@pytest.fixture
def admin_client(clinic):
    client = Client()
    client.force_login(make_clinician("adam", clinic, role="clinic_admin"))
    return client


def _upload(client, content, name="pgq.json", language="da", headers=EN):
    upload = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/plain")
    return client.post(_url(), {"language": language, "file": upload}, headers=headers)


def test_entry_names_each_item_by_its_topic_grouped_by_subscale(alice_client, patient):
    visit = patient.consultations.get()
    html = alice_client.get(reverse("consultations:pgq_create", args=[visit.public_id]),
                            headers=EN).content.decode()
    activity = html[html.index('data-testid="pgq-activity"'):html.index('data-testid="pgq-symptom"')]
    symptom = html[html.index('data-testid="pgq-symptom"'):]
    assert "walking &gt; 60 min" in activity and "dressing" in activity
    assert "sleep broken" in symptom and "walking" not in symptom
    for number in range(1, 26):
        part = activity if number <= 20 else symptom
        assert f'data-testid="pgq-item-{number}"' in part
        assert f'name="item_{number}" value="2"' in part  # a radio per answer: arrows choose
    assert "Licensed item" not in html


def test_danish_entry_shows_danish_topics(alice_client, patient):
    visit = patient.consultations.get()
    html = alice_client.get(reverse("consultations:pgq_create", args=[visit.public_id]),
                            headers={"accept-language": "da"}).content.decode()
    assert "påklædning" in html and "gå &gt; 30 min" not in html


def test_radio_entry_is_scored(alice_client, patient):
    visit = patient.consultations.get()
    data = {"filled_on": timezone.localdate().isoformat(),
            **{f"item_{n}": "3" if n > 20 else "0" for n in range(1, 26)}}
    data["item_19"] = "na"
    response = alice_client.post(reverse("consultations:pgq_create", args=[visit.public_id]), data)
    assert response.status_code == 302
    saved = QuestionnaireResponse.objects.get()
    assert (saved.answered, float(saved.symptom), float(saved.activity)) == (24, 100.0, 0.0)


def test_an_answer_out_of_range_is_a_field_error(alice_client, patient):
    visit = patient.consultations.get()
    data = {"filled_on": timezone.localdate().isoformat(), "item_4": "7"}
    response = alice_client.post(reverse("consultations:pgq_create", args=[visit.public_id]),
                                 data, headers=EN)
    assert response.status_code == 200
    assert "item_4" in response.context["form"].errors
    assert not QuestionnaireResponse.objects.exists()


@pytest.mark.parametrize(("name", "content"), [
    ("pgq.json", json.dumps(_wording())),
    ("pgq.json", json.dumps([{"id": n, "text": f"Licensed item {n} text"} for n in range(1, 26)])),
    ("pgq.csv", "item,text\n" + "\n".join(f'{n},"Licensed item {n} text"' for n in range(1, 26))),
    ("pgq.csv", "\n".join(f"{n};x".replace(";x", f",Licensed item {n} text") for n in range(1, 26))),
])
def test_an_administrator_loads_the_wording_and_entry_shows_it(
    admin_client, alice_client, patient, clinic, name, content
):
    response = _upload(admin_client, content, name=name, language="en")
    assert response.status_code == 302, response.content.decode()[:3000]
    wording = PgqWording.objects.get(clinic=clinic, language="en")
    assert wording.items["25"] == "Licensed item 25 text"
    visit = patient.consultations.get()
    url = reverse("consultations:pgq_create", args=[visit.public_id])
    html = alice_client.get(url, headers=EN).content.decode()
    assert "Licensed item 8 text" in html
    assert str(PGQ_TOPICS[8]) not in html  # shown instead of the topic
    danish = alice_client.get(url, headers={"accept-language": "da"}).content.decode()
    assert "Licensed item" not in danish  # loaded for English only


def test_loading_again_replaces_the_language(admin_client, clinic):
    _upload(admin_client, json.dumps(_wording("First")))
    _upload(admin_client, json.dumps(_wording("Second")))
    assert PgqWording.objects.get(clinic=clinic, language="da").items["1"] == "Second 1 text"


def test_another_clinic_never_sees_the_wording(admin_client, other_clinic, patient, bob):
    from ..factories import make_consultation

    _upload(admin_client, json.dumps(_wording()), language="en")
    visit = make_consultation(patient, patient.pregnancies.get(), bob, clinic=other_clinic)
    client = Client()
    client.force_login(bob)
    html = client.get(reverse("consultations:pgq_create", args=[visit.public_id]),
                      headers=EN).content.decode()
    assert "Licensed item" not in html and "walking &gt; 60 min" in html


@pytest.mark.parametrize(("content", "message"), [
    (json.dumps(_wording(count=24)), "Items missing: 25."),
    (json.dumps({**_wording(), "26": "extra"}), "“26” is not an item number from 1 to 25."),
    (json.dumps({**_wording(), "3": "  "}), "Item 3 has no text."),
    (json.dumps({**_wording(), "x": "y"}), "“x” is not an item number from 1 to 25."),
    ("[1, 2, 3]", "Use an object of item number → text"),
    ("{not json", "The file is not valid JSON."),
    ("1,a\n1,b\n" + "\n".join(f"{n},t" for n in range(2, 26)), "Item 1 appears twice."),
    ("1,a,b\n", "Each CSV row needs two columns"),
    (json.dumps({**_wording(), "2": "z" * 301}), "Item 2 is longer than 300 characters."),
])
def test_a_bad_file_is_a_translated_field_error_and_nothing_is_saved(admin_client, content, message):
    name = "pgq.csv" if content[:1].isdigit() else "pgq.json"
    response = _upload(admin_client, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not PgqWording.objects.exists()


def test_the_error_is_in_danish_for_a_danish_administrator(admin_client):
    response = _upload(admin_client, json.dumps(_wording(count=24)),
                       headers={"accept-language": "da"})
    assert "Mangler punkt: 25." in " ".join(response.context["form"].errors["file"])


def test_a_file_that_is_not_utf8_is_refused(admin_client):
    upload = SimpleUploadedFile("pgq.csv", "1,æble".encode("latin-1"))
    response = admin_client.post(_url(), {"language": "da", "file": upload}, headers=EN)
    assert "The file must be UTF-8 text." in response.context["form"].errors["file"]


def test_only_the_administrator_may_load_it(alice_client, bob_client, client, clinic):
    content = json.dumps(_wording())
    assert _upload(alice_client, content).status_code == 403  # a GP of the clinic
    assert _upload(bob_client, content).status_code == 403  # another clinic's physiotherapist
    assert _upload(client, content).status_code == 302  # anonymous: to sign in
    assert not PgqWording.objects.exists()
