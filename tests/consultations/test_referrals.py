"""The shared GP → physiotherapist episode: who sees what, and for how long."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Referral
from education.models import HandoutIssued

from ..factories import make_clinic, make_clinician, make_consultation


@pytest.fixture
def signed_gp_visit(patient, alice):
    visit = patient.consultations.get()
    visit.status, visit.signed_by, visit.signed_at = "signed", alice, timezone.now()
    visit.save()
    return visit


@pytest.fixture
def referral(alice_client, patient, other_clinic, signed_gp_visit):
    response = alice_client.post(reverse("consultations:referral_create", args=[patient.public_id]),
                                 {"to_clinic": other_clinic.pk, "reason": "PGP bagtil"})
    assert response.status_code == 302
    return Referral.objects.get()


@pytest.fixture
def stranger_client(db):
    client = Client()
    client.force_login(make_clinician("sam", make_clinic("Ukendt Klinik"), role="physiotherapist"))
    return client


def test_referral_is_open_and_records_who_opened_it(referral, alice):
    assert referral.is_open and referral.created_by == alice


def test_physiotherapist_sees_the_referred_woman_and_signed_notes_while_open(
    bob_client, patient, referral, signed_gp_visit
):
    assert bob_client.get(patient.get_absolute_url()).status_code == 200
    assert bob_client.get(signed_gp_visit.get_absolute_url()).status_code == 200
    listed = bob_client.get(reverse("consultations:patient_list")).context["page"].object_list
    assert patient in list(listed)


def test_physiotherapist_never_sees_the_gps_drafts(bob_client, patient, alice, referral):
    draft = make_consultation(patient, patient.pregnancies.get(), alice)
    assert bob_client.get(draft.get_absolute_url()).status_code == 404


def test_physiotherapist_reads_but_does_not_change_the_gps_records(
    bob_client, patient, referral, signed_gp_visit
):
    assert bob_client.get(reverse("consultations:patient_edit", args=[patient.public_id])).status_code == 403
    pregnancy = patient.pregnancies.get()
    url = reverse("consultations:pregnancy_edit", args=[patient.public_id, pregnancy.public_id])
    assert bob_client.get(url).status_code == 403
    amend = reverse("consultations:consultation_amend", args=[signed_gp_visit.public_id])
    assert bob_client.post(amend, {"reason": "x", "text": "y"}).status_code == 403
    assert bob_client.get(reverse("consultations:consultation_edit",
                                  args=[signed_gp_visit.public_id])).status_code == 403


def test_physiotherapist_adds_her_own_consultation_and_the_gp_sees_it(
    bob_client, bob, alice_client, patient, referral, other_clinic
):
    assert bob_client.get(reverse("consultations:consultation_create",
                                  args=[patient.public_id])).status_code == 200
    visit = make_consultation(patient, patient.pregnancies.get(), bob, clinic=other_clinic)
    visit.status, visit.signed_by, visit.signed_at = "signed", bob, timezone.now()
    visit.save()
    assert alice_client.get(visit.get_absolute_url()).status_code == 200
    timeline = alice_client.get(patient.get_absolute_url()).context["consultations"]
    assert visit in timeline


def test_closing_the_referral_ends_the_access(bob_client, alice_client, patient, referral,
                                              signed_gp_visit):
    """A clinic that never wrote a note about her loses everything (404)."""
    alice_client.post(reverse("consultations:referral_close", args=[referral.public_id]))
    referral.refresh_from_db()
    assert not referral.is_open
    for url in (patient.get_absolute_url(), signed_gp_visit.get_absolute_url(),
                reverse("consultations:progress", args=[patient.public_id]),
                reverse("consultations:consultation_create", args=[patient.public_id])):
        assert bob_client.get(url).status_code == 404
    listed = bob_client.get(reverse("consultations:patient_list")).context["page"].object_list
    assert patient not in list(listed)


def test_after_closing_the_physiotherapist_keeps_her_own_notes_only(
    bob_client, bob, alice_client, patient, referral, signed_gp_visit, other_clinic
):
    """Her own journal outlives the referral (a clinician must keep and reach her records);
    the GP's notes and new recording end with it."""
    own = make_consultation(patient, patient.pregnancies.get(), bob, clinic=other_clinic)
    own.status, own.signed_by, own.signed_at = "signed", bob, timezone.now()
    own.save()
    alice_client.post(reverse("consultations:referral_close", args=[referral.public_id]))

    page = bob_client.get(patient.get_absolute_url())
    assert page.status_code == 200
    assert page.context["consultations"] == [own]
    assert 'data-testid="referral-closed"' in page.content.decode()
    assert "Ny konsultation" not in page.content.decode()
    assert bob_client.get(own.get_absolute_url()).status_code == 200
    assert bob_client.get(reverse("consultations:handout_pdf",
                                  args=[own.public_id, "summary"])).status_code == 200
    assert bob_client.get(signed_gp_visit.get_absolute_url()).status_code == 404
    assert bob_client.get(reverse("consultations:consultation_create",
                                  args=[patient.public_id])).status_code == 403
    progress = bob_client.get(reverse("consultations:progress", args=[patient.public_id]))
    assert progress.status_code == 200
    listed = bob_client.get(reverse("consultations:patient_list")).context["page"].object_list
    assert patient in list(listed)
    # and the GP still has the physiotherapist's signed note in her record
    assert own in alice_client.get(patient.get_absolute_url()).context["consultations"]


def test_an_unrelated_clinic_gets_404_on_every_url_about_her(
    stranger_client, patient, referral, signed_gp_visit
):
    urls = [
        patient.get_absolute_url(),
        reverse("consultations:patient_edit", args=[patient.public_id]),
        reverse("consultations:progress", args=[patient.public_id]),
        reverse("consultations:progress_pdf", args=[patient.public_id]),
        reverse("consultations:consultation_create", args=[patient.public_id]),
        signed_gp_visit.get_absolute_url(),
        reverse("consultations:handout_pdf", args=[signed_gp_visit.public_id, "summary"]),
        reverse("consultations:pgq_create", args=[signed_gp_visit.public_id]),
    ]
    for url in urls:
        assert stranger_client.get(url).status_code == 404, url
    close = reverse("consultations:referral_close", args=[referral.public_id])
    assert stranger_client.post(close).status_code == 404
    referral.refresh_from_db()
    assert referral.is_open


def test_a_second_open_referral_to_the_same_clinic_is_refused(alice_client, patient, referral,
                                                              other_clinic):
    alice_client.post(reverse("consultations:referral_create", args=[patient.public_id]),
                      {"to_clinic": other_clinic.pk})
    assert Referral.objects.count() == 1


def test_only_physiotherapy_clinics_can_receive_a_referral(alice_client, patient, db):
    gp_elsewhere = make_clinic("Anden Lægepraksis")
    alice_client.post(reverse("consultations:referral_create", args=[patient.public_id]),
                      {"to_clinic": gp_elsewhere.pk})
    assert not Referral.objects.exists()


def test_the_referred_clinic_cannot_refer_onwards(bob_client, patient, referral, db):
    third = make_clinic("Tredje Fysioterapi", kind="physiotherapy")
    response = bob_client.post(reverse("consultations:referral_create", args=[patient.public_id]),
                               {"to_clinic": third.pk})
    assert response.status_code == 403
    assert Referral.objects.count() == 1


def test_physiotherapy_dashboard_lists_the_referral_awaiting_a_first_visit(
    bob_client, patient, referral
):
    page = bob_client.get(reverse("dashboard"))
    assert [r.pk for r in page.context["awaiting"]] == [referral.pk]


def test_a_handout_is_given_only_by_a_post_from_the_clinic_that_wrote_it(
    alice_client, bob_client, stranger_client, referral, signed_gp_visit
):
    """Following a link renders the document and writes nothing in anyone's journal; giving
    it to her is a POST by the clinic that owns the consultation (issue 11.7)."""
    url = reverse("consultations:handout_pdf", args=[signed_gp_visit.public_id, "summary"])
    assert alice_client.get(url)["Content-Type"] == "application/pdf"
    assert bob_client.get(url)["Content-Type"] == "application/pdf"
    assert not HandoutIssued.objects.exists()
    assert bob_client.post(url, {"lang": "da"}).status_code == 403
    assert stranger_client.post(url, {"lang": "da"}).status_code == 404
    assert not HandoutIssued.objects.exists()
    response = alice_client.post(url, {"lang": "en"})
    assert response["Content-Type"] == "application/pdf"
    given = HandoutIssued.objects.get()
    assert (given.consultation, given.language, given.kind) == (signed_gp_visit, "en", "summary")
    assert alice_client.post(url, {"lang": "xx"}).status_code == 404
    assert HandoutIssued.objects.count() == 1


def test_after_closure_a_later_pregnancy_never_reaches_the_physiotherapy_clinic(
    alice_client, bob_client, bob, other_clinic, patient, referral
):
    """Issue 11.3: the referral of her first pregnancy closes, she gives birth, the GP registers
    her next pregnancy. The physiotherapy clinic (which wrote a note) still lists her with the
    episode it knew; the new pregnancy shows nowhere: not in the list, its due-date sorting,
    its stage filter, nor on the dashboard."""
    from consultations.models import Pregnancy

    first = patient.pregnancies.get()
    own = make_consultation(patient, first, bob, clinic=other_clinic)
    own.status, own.signed_by, own.signed_at = "signed", bob, timezone.now()
    own.save()
    alice_client.post(reverse("consultations:referral_close", args=[referral.public_id]))
    first.delivery_date = timezone.localdate() - timezone.timedelta(days=200)
    first.edd = first.delivery_date
    first.delivery_mode = "vaginal"
    first.save()
    later = Pregnancy.objects.create(patient=patient, edd=timezone.localdate()
                                     + timezone.timedelta(days=265), gravida=2, para=1)
    later_due = later.edd.strftime("%d.%m.%Y")

    listed = bob_client.get(reverse("consultations:patient_list"))
    assert [p.current_pregnancy for p in listed.context["page"].object_list] == [first]
    assert later_due not in listed.content.decode()
    by_due = bob_client.get(reverse("consultations:patient_list"), {"sort": "due"})
    assert [p.current_edd for p in by_due.context["page"].object_list] == [first.edd]
    pregnant = bob_client.get(reverse("consultations:patient_list"), {"stage": "pregnant"})
    assert list(pregnant.context["page"].object_list) == []
    after_birth = bob_client.get(reverse("consultations:patient_list"), {"stage": "postpartum"})
    assert list(after_birth.context["page"].object_list) == [patient]
    dashboard = bob_client.get(reverse("dashboard"))
    assert [p.current_pregnancy for p in dashboard.context["patients"]] == [first]
    assert later_due not in dashboard.content.decode()
    # The GP's own views see the new pregnancy, of course.
    mine = alice_client.get(reverse("consultations:patient_list"), {"stage": "pregnant"})
    assert [p.current_pregnancy for p in mine.context["page"].object_list] == [later]


def test_after_closure_the_physiotherapy_clinic_keeps_her_details_as_they_were(
    alice_client, bob_client, bob, other_clinic, patient, referral
):
    """Issue 11.4: what the GP writes after the referral closed (a new phone number, a private
    note) never reaches the physiotherapy clinic: its page, list and record PDF show her
    details as they were when it closed. The GP sees her live details."""
    from ..pdf_text import pdf_text

    own = make_consultation(patient, patient.pregnancies.get(), bob, clinic=other_clinic)
    own.status, own.signed_by, own.signed_at = "signed", bob, timezone.now()
    own.save()
    patient.phone, patient.notes = "11 11 11 11", "Bor på 2. sal"
    patient.save()
    alice_client.post(reverse("consultations:referral_close", args=[referral.public_id]))
    patient.refresh_from_db()
    patient.phone, patient.notes = "99 99 99 99", "Fortroligt: ny oplysning efter afslutning"
    patient.save()

    page = bob_client.get(patient.get_absolute_url()).content.decode()
    assert "11 11 11 11" in page and "Bor på 2. sal" in page
    assert "99 99 99 99" not in page and "Fortroligt" not in page
    record = " ".join(pdf_text(bob_client.get(
        reverse("consultations:record_pdf", args=[patient.public_id])).content).split())
    assert "11 11 11 11" in record and "Fortroligt" not in record and "99 99" not in record
    listed = bob_client.get(reverse("consultations:patient_list"))
    assert [p.phone for p in listed.context["page"].object_list] == ["11 11 11 11"]
    detail = bob_client.get(own.get_absolute_url()).content.decode()
    assert "Fortroligt" not in detail and "99 99 99 99" not in detail
    mine = alice_client.get(patient.get_absolute_url()).content.decode()
    assert "99 99 99 99" in mine and "Fortroligt" in mine


def test_the_clinic_picker_searches_and_shows_at_most_ten(alice_client, clinic, patient):
    """Issue 12: the referral target is searched on the server, never listed in full; the
    patient page (no JavaScript) and the typeahead's fragment give the same bounded choices."""
    for number in range(15):
        make_clinic(f"Fysio Nord {number:02d}", kind="physiotherapy")
    make_clinic("Fysio Syd", kind="physiotherapy")
    make_clinic("Lægehuset Nord", kind="general_practice")
    page = alice_client.get(patient.get_absolute_url())
    assert len(page.context["clinic_choices"]) == 10
    found = alice_client.get(patient.get_absolute_url(), {"clinic_q": "syd"})
    assert [c.name for c in found.context["clinic_choices"]] == ["Fysio Syd"]
    fragment = alice_client.get(reverse("consultations:referral_targets"), {"clinic_q": "nord"})
    names = [c.name for c in fragment.context["clinic_choices"]]
    assert names == [f"Fysio Nord {n:02d}" for n in range(10)]  # no GP, bounded, by name
    assert 'name="to_clinic"' in fragment.content.decode()
