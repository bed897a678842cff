import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import Patient, Pregnancy

from ..factories import make_patient, make_pregnancy, sign_in_as


def registration_data(**overrides):
    today = timezone.localdate()
    data = {
        "patient-cpr": "170593-1234",
        "patient-first_name": "Maja",
        "patient-last_name": "Østergård",
        "patient-phone": "12 34 56 78",
        "patient-occupation": "Sygeplejerske",
        "patient-notes": "",
        "pregnancy-edd": (today + datetime.timedelta(days=54)).isoformat(),
        "pregnancy-edd_source": "nuchal_scan",
        "pregnancy-lmp": "",
        "pregnancy-gravida": "1",
        "pregnancy-para": "0",
        "pregnancy-delivery_date": "",
        "pregnancy-delivery_mode": "",
    }
    data.update(overrides)
    return data


def test_registering_a_patient_saves_her_and_her_pregnancy(alice_client, clinic):
    response = alice_client.post(reverse("consultations:patient_create"), registration_data())
    patient = Patient.objects.get()
    assert response.status_code == 302
    assert response["Location"] == patient.get_absolute_url()
    assert (patient.clinic, patient.cpr, patient.date_of_birth) == (
        clinic,
        "1705931234",
        datetime.date(1993, 5, 17),
    )
    page = alice_client.get(patient.get_absolute_url()).content.decode()
    assert "32+2" in page
    assert "Maja Østergård" in page


def test_registration_calculates_due_date_from_lmp(alice_client):
    lmp = timezone.localdate() - datetime.timedelta(days=100)
    alice_client.post(
        reverse("consultations:patient_create"),
        registration_data(**{"pregnancy-edd": "", "pregnancy-lmp": lmp.isoformat(),
                             "pregnancy-edd_source": "nuchal_scan"}),
    )
    pregnancy = Pregnancy.objects.get()
    assert pregnancy.edd == lmp + datetime.timedelta(days=280)
    assert pregnancy.edd_source == "lmp"
    assert pregnancy.stage_today.ga == "14+2"


@pytest.mark.parametrize(
    ("field", "value", "danish", "english"),
    [
        ("patient-cpr", "310299-1234", "ikke en gyldig fødselsdato", "not a valid date of birth"),
        ("patient-cpr", "12345", "ti cifre", "ten digits"),
        ("patient-first_name", "   ", "Dette felt er påkrævet", "This field is required"),
        ("pregnancy-edd", "2001-01-01", "Terminsdatoen for en igangværende graviditet",
         "For an ongoing pregnancy the due date"),
        ("pregnancy-edd", "not-a-date", "Indtast en gyldig dato", "Enter a valid date"),
        ("pregnancy-gravida", "0", "heltal fra 1 til 30", "whole number from 1 to 30"),
        ("pregnancy-para", "1", "lavere end gravida", "lower than gravida"),
        ("pregnancy-delivery_date", "2999-01-01", "kan ikke ligge i fremtiden",
         "cannot be in the future"),
    ],
)
def test_bad_input_gives_field_errors_in_the_users_language_and_saves_nothing(
    alice_client, field, value, danish, english
):
    for language, expected in (("da", danish), ("en", english)):
        response = alice_client.post(
            reverse("consultations:patient_create"),
            registration_data(**{field: value}),
            headers={"accept-language": language},
        )
        assert response.status_code == 200
        form_name, _, field_name = field.partition("-")
        form = response.context[f"{form_name}_form"]
        assert field_name in form.errors
        assert expected in response.content.decode()
    assert Patient.objects.count() == 0
    assert Pregnancy.objects.count() == 0


def test_patient_already_registered_in_the_clinic_is_refused(alice_client, clinic):
    make_patient(clinic, cpr="1705931234")
    response = alice_client.post(reverse("consultations:patient_create"), registration_data())
    assert "cpr" in response.context["patient_form"].errors
    assert Patient.objects.count() == 1


def test_same_woman_may_be_registered_in_another_clinic(bob_client, clinic):
    make_patient(clinic, cpr="1705931234")
    response = bob_client.post(reverse("consultations:patient_create"), registration_data())
    assert response.status_code == 302
    assert Patient.objects.with_cpr("1705931234").count() == 2


def search(client, **params):
    """Search as the page does: post the form, follow the redirect to the list."""
    return client.post(reverse("consultations:patient_list"), params, follow=True)


@pytest.mark.parametrize(
    "query", ["Jens", "jensen", "Karen Jens", "170593", "1705931000", "170593-1000"]
)
def test_search_finds_by_name_or_cpr(alice_client, clinic, query):
    make_patient(clinic, cpr="1705931000")
    make_patient(clinic, first_name="Other", last_name="Person", cpr="0101901111")
    page = search(alice_client, q=query)
    assert [p.full_name for p in page.context["page"].object_list] == ["Karen Jensen"]


@pytest.mark.parametrize("sort", ["name", "recent", "due"])
def test_a_search_is_counted_up_to_its_own_cap(
    alice_client, clinic, monkeypatch, sort
):
    """A name many women share is counted only up to SEARCH_COUNT_CAP ("More than …"), on
    every page of the search; the plain list still counts up to COUNT_CAP."""
    from consultations.views import ListPage

    monkeypatch.setattr(ListPage, "SEARCH_COUNT_CAP", 3)
    monkeypatch.setattr("consultations.views.PAGE_SIZE", 2)
    for number in range(5):
        make_patient(clinic, first_name=f"Hanne{4 - number}", last_name="Hansen",
                     cpr=f"0101{80 + number}1234")
    make_patient(clinic, first_name="Jette", last_name="Jensen", cpr="0202801234")
    queries = CaptureQueriesContext(connection)
    with queries:
        first = search(alice_client, q="hansen", sort=sort)
    counts = [query["sql"] for query in queries.captured_queries if "COUNT(*)" in query["sql"]]
    assert len(counts) == 1 and counts[0].endswith("LIMIT 4) subquery"), counts
    page = first.context["page"]
    patients = Patient.objects.for_clinic(clinic).search("hansen", clinic=clinic).sorted_by(
        sort, clinic=clinic)
    assert [p.pk for p in page.object_list] == [p.pk for p in patients[:2]]
    assert (page.count, page.count_capped, page.has_next) == (4, True, True)
    assert 'data-testid="list-count">Mere end 3 patienter' in first.content.decode()
    following = alice_client.get(first.request["PATH_INFO"] + "?" + first.request[
        "QUERY_STRING"] + f"&after={page.next_after}").context["page"]
    assert [p.pk for p in following.object_list] == [p.pk for p in patients[2:4]]
    assert following.count_capped and following.count_cap == 3
    one = search(alice_client, q="jette", sort=sort)
    assert (one.context["page"].count, one.context["page"].count_capped) == (1, False)
    assert 'data-testid="list-count">1 patient<' in one.content.decode()
    assert search(alice_client, q="nobody").context["page"].count == 0
    listed = alice_client.get(reverse("consultations:patient_list") + f"?sort={sort}")
    assert (listed.context["page"].count, listed.context["page"].count_cap) == (6, 1000)


@pytest.mark.parametrize(("query", "found"), [
    ("sør", ["Sørine Østergaard", "Ann Sørensen"]), ("ØSTER", ["Sørine Østergaard"]),
    ("ann sør", ["Ann Sørensen"]), ("ann øster", []),
    ("neøs", []),  # the end of her first name and the start of her last are not one word
    ("50%", []), ("_", []),  # LIKE's wildcards are searched as typed
])
def test_a_name_search_matches_each_word_within_her_first_or_last_name(alice_client, clinic,
                                                                        query, found):
    make_patient(clinic, first_name="Sørine", last_name="Østergaard")
    make_patient(clinic, first_name="Ann", last_name="Sørensen")
    page = search(alice_client, q=query, sort="name")
    assert sorted(p.full_name for p in page.context["page"].object_list) == sorted(found)


def test_no_name_or_cpr_number_ever_appears_in_an_address(alice_client, clinic):
    make_patient(clinic, cpr="1705931000")
    for number in range(30):
        make_patient(clinic, cpr=f"170593{number:04d}")
    for query in ("1705931000", "170593", "Jensen"):
        response = alice_client.post(reverse("consultations:patient_list"), {"q": query})
        assert response.status_code == 302
        assert "search=" in response["Location"] and query not in response["Location"]
        page = alice_client.get(response["Location"])
        assert len(page.context["page"].object_list) == (25 if query != "1705931000" else 1)
        links = re.findall(r'href="([^"]*)"', page.content.decode())
        assert not [link for link in links if query in link or "1705" in link]


def test_search_text_in_the_address_is_ignored(alice_client, clinic):
    make_patient(clinic, cpr="1705931000")
    make_patient(clinic, first_name="Other", last_name="Person", cpr="0101901111")
    page = alice_client.get(reverse("consultations:patient_list"), {"q": "1705931000"})
    assert len(page.context["page"].object_list) == 2


def test_a_search_token_works_only_in_its_own_session(alice_client, clinic, alice):
    from django.test import Client

    make_patient(clinic, cpr="1705931000")
    make_patient(clinic, first_name="Other", last_name="Person", cpr="0101901111")
    location = alice_client.post(reverse("consultations:patient_list"),
                                 {"q": "Jensen"})["Location"]
    assert len(alice_client.get(location).context["page"].object_list) == 1
    other_session = Client()
    sign_in_as(other_session, alice)
    page = other_session.get(location)
    assert page.context["search_form"].errors["q"]
    assert "Søgningen findes ikke længere" in page.content.decode()
    assert len(page.context["page"].object_list) == 2  # the unfiltered list, with the error


def _three_women(clinic):
    now = timezone.now()
    ane = make_patient(clinic, first_name="Ane", last_name="Berg", last_seen_at=now)
    make_pregnancy(ane, ga="20+0")
    cia = make_patient(clinic, first_name="Cia", last_name="Ahl",
                       last_seen_at=now - datetime.timedelta(days=3))
    make_pregnancy(cia, ga="36+0")
    eva = make_patient(clinic, first_name="Eva", last_name="Crone",
                       last_seen_at=now - datetime.timedelta(days=1))
    make_pregnancy(eva, ga="40+0", delivery_date=timezone.localdate() - datetime.timedelta(days=20),
                   delivery_mode="vaginal")


@pytest.mark.parametrize(("params", "names"), [
    ({}, ["Cia Ahl", "Ane Berg", "Eva Crone"]),
    ({"sort": "name"}, ["Cia Ahl", "Ane Berg", "Eva Crone"]),
    ({"sort": "recent"}, ["Ane Berg", "Eva Crone", "Cia Ahl"]),
    ({"sort": "due"}, ["Eva Crone", "Cia Ahl", "Ane Berg"]),
    ({"stage": "pregnant", "sort": "due"}, ["Cia Ahl", "Ane Berg"]),
    ({"stage": "postpartum"}, ["Eva Crone"]),
    ({"stage": "pregnant", "q": "berg"}, ["Ane Berg"]),
])
def test_the_list_filters_and_sorts(alice_client, clinic, params, names):
    _three_women(clinic)
    page = (search(alice_client, **params) if "q" in params
            else alice_client.get(reverse("consultations:patient_list"), params))
    assert [p.full_name for p in page.context["page"].object_list] == names


@pytest.mark.parametrize("field, value", [
    ("sort", "cpr"), ("sort", "-last_seen_at"), ("sort", "clinic__name"),
    ("sort", "name; DROP TABLE consultations_patient"), ("stage", "all"), ("stage", "1=1"),
])
def test_sort_and_filter_take_only_allowlisted_values(alice_client, clinic, field, value):
    """Anything else is a translated error at the field, and the list keeps its defaults."""
    _three_women(clinic)
    page = alice_client.post(reverse("consultations:patient_list"), {field: value, "q": "a"})
    assert page.status_code == 200
    assert page.context["search_form"].errors[field]
    assert "Vælg en gyldig mulighed." in page.content.decode()
    assert [p.full_name for p in page.context["page"].object_list] == [
        "Cia Ahl", "Ane Berg", "Eva Crone"]


def test_paging_keeps_the_search_the_filter_and_the_order(alice_client, clinic):
    for number in range(27):
        make_pregnancy(make_patient(clinic, last_name=f"Ø{number:02d}"), ga="30+0")
    make_pregnancy(make_patient(clinic, last_name="Andersen"), ga="30+0")
    page = search(alice_client, stage="pregnant", sort="recent", q="ø")
    token = page.context["keep"].split("&")[0]
    assert token.startswith("search=") and len(token) > 10
    # Keyset paging (issue 12): the next page starts after the last woman shown, named by her
    # public id, never by her name.
    last = page.context["page"].object_list[-1]
    next_link = f"?{token}&amp;stage=pregnant&amp;sort=recent&amp;after={last.public_id}"
    assert next_link in page.content.decode()
    second = alice_client.get(reverse("consultations:patient_list") + next_link.replace("&amp;", "&"))
    assert len(second.context["page"].object_list) == 2  # 27 found, 25 per page
    assert not {p.pk for p in second.context["page"].object_list} & {
        p.pk for p in page.context["page"].object_list}
    assert second.context["q"] == "ø"


def test_search_never_shows_another_clinics_patients(alice_client, other_clinic):
    make_patient(other_clinic, first_name="Hidden", cpr="1705931000")
    for query in ("Hidden", "1705931000", ""):
        page = search(alice_client, q=query)
        assert list(page.context["page"].object_list) == []
        assert "Hidden Jensen" not in page.content.decode()


def test_editing_a_patient_keeps_her_in_the_clinic(alice_client, patient):
    url = reverse("consultations:patient_edit", args=[patient.public_id])
    response = alice_client.post(url, {"cpr": "0707614285", "first_name": "Karen",
                                       "last_name": "Jensen-Holm", "phone": "", "occupation": "",
                                       "notes": "Ny note", "version": patient.version})
    assert response.status_code == 302
    patient.refresh_from_db()
    assert (patient.last_name, patient.cpr, patient.date_of_birth) == (
        "Jensen-Holm", "0707614285", datetime.date(1961, 7, 7))


def test_a_second_ongoing_pregnancy_is_refused(alice_client, patient):
    url = reverse("consultations:pregnancy_create", args=[patient.public_id])
    edd = timezone.localdate() + datetime.timedelta(days=100)
    response = alice_client.post(url, {"edd": edd.isoformat(), "edd_source": "nuchal_scan",
                                       "gravida": 2, "para": 0})
    assert response.status_code == 200
    assert "igangværende graviditet" in response.content.decode()
    assert patient.pregnancies.count() == 1


def test_recording_the_delivery_shows_weeks_after_birth(alice_client, patient):
    pregnancy = patient.pregnancies.get()
    delivered = timezone.localdate() - datetime.timedelta(days=36)
    url = reverse("consultations:pregnancy_edit", args=[patient.public_id, pregnancy.public_id])
    response = alice_client.post(url, {
        "edd": pregnancy.edd.isoformat(), "edd_source": "nuchal_scan", "gravida": 1, "para": 0,
        "delivery_date": delivered.isoformat(), "delivery_mode": "vaginal",
        "version": pregnancy.version,
    })
    assert response.status_code == 302, response.context["form"].errors
    page = alice_client.get(patient.get_absolute_url(), headers={"accept-language": "en"})
    assert "5 weeks after birth" in page.content.decode()


def test_delivery_before_22_weeks_is_rejected(alice_client, patient):
    pregnancy = patient.pregnancies.get()
    url = reverse("consultations:pregnancy_edit", args=[patient.public_id, pregnancy.public_id])
    early = pregnancy.edd - datetime.timedelta(days=280 - 21 * 7)
    response = alice_client.post(url, {
        "edd": pregnancy.edd.isoformat(), "edd_source": "nuchal_scan", "gravida": 1, "para": 0,
        "delivery_date": early.isoformat(), "delivery_mode": "vaginal",
        "version": pregnancy.version,
    }, headers={"accept-language": "en"})
    assert "between gestational age 22+0 and 44+0" in response.content.decode()
    pregnancy.refresh_from_db()
    assert pregnancy.delivery_date is None


def test_lmp_far_from_due_date_needs_a_scan_as_source(alice_client):
    today = timezone.localdate()
    response = alice_client.post(reverse("consultations:patient_create"), registration_data(**{
        "pregnancy-edd": (today + datetime.timedelta(days=54)).isoformat(),
        "pregnancy-lmp": (today - datetime.timedelta(days=240)).isoformat(),
        "pregnancy-edd_source": "lmp",
    }), headers={"accept-language": "en"})
    assert "edd_source" in response.context["pregnancy_form"].errors
    assert Patient.objects.count() == 0


def _patients(clinic, count):
    for number in range(count):
        woman = make_patient(clinic, first_name=f"Kvinde{number}", cpr=f"01019{number:01d}{1000 + number}"[:10])
        make_pregnancy(woman, ga=f"{10 + number}+1")


# session, user, memberships, patients, their pregnancies, session update, 4 savepoints
# (ATOMIC_REQUESTS inside the test transaction); the list also counts rows for its pages and
# the dashboard runs its three worklists; one insert logs the access.
@pytest.mark.parametrize(
    ("url_name", "budget"), [("dashboard", 18), ("consultations:patient_list", 12)]
)
def test_list_pages_run_the_same_queries_for_3_and_12_patients(
    alice_client, clinic, url_name, budget
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(reverse(url_name)).status_code == 200
        return len(captured)

    _patients(clinic, 3)
    few = count_queries()
    _patients_more(clinic)
    assert count_queries() == few
    assert few <= budget


def _patients_more(clinic):
    for number in range(9):
        woman = make_patient(clinic, first_name=f"Flere{number}", cpr=f"0202{80 + number}{2000 + number}")
        make_pregnancy(woman, ga="20+0")


def test_patient_page_queries_do_not_grow_with_pregnancies(alice_client, patient):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            alice_client.get(patient.get_absolute_url())
        return len(captured)

    one = count()
    first = patient.pregnancies.get()
    first.delivery_date = first.edd
    first.delivery_mode = "vaginal"
    first.save()
    make_pregnancy(patient, ga="8+0", gravida=2, para=1)
    assert count() == one <= 17  # 15 + her questionnaire links and answers from home (issue 16)
