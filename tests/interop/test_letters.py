"""The referral and discharge letters: content from the seed case, the PDF, who may read them."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from assessments.models import PainScore, QuestionnaireResponse
from clinics.models import Clinic, User
from consultations.demo import GP_CLINIC, PHYSIO_CLINIC, load_demo
from consultations.models import AccessLogEntry, Referral
from consultations.workflows import close_referral
from interop.letters import sks_code

from ..factories import make_clinic, make_clinician, make_consultation, sign_in_as
from ..pdf_text import pdf_text


@pytest.fixture
def seed(db):
    """The seed case: her GP's signed first visit, the referral, three physiotherapy visits."""
    return load_demo()


def client_for(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def referral_of(patient):
    return Referral.objects.get(pregnancy__patient=patient)


def referral_url(referral, name="interop:referral_letter", lang="en"):
    return reverse(name, args=[referral.public_id]) + f"?lang={lang}"


def discharge_url(patient, name="interop:discharge_letter", lang="en"):
    return reverse(name, args=[patient.public_id, patient.current_pregnancy.public_id]) + (
        f"?lang={lang}")


def text_of(response):
    assert response.status_code == 200
    return response.context["text"]


def flat(text):
    return " ".join(text.split())


def date(day):
    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


# --- The referral letter (REF07's content) ---------------------------------------------------


def test_the_referral_letter_of_the_seed_case_holds_what_a_physiotherapy_referral_holds(seed):
    text = text_of(client_for("demo-gp").get(referral_url(referral_of(seed))))
    lines = text.splitlines()
    assert lines[0] == "Referral to physiotherapy"
    for heading in ("PATIENT", "SENDER", "RECIPIENT", "DATE OF REFERRAL", "URGENCY",
                    "REASON FOR REFERRAL", "DIAGNOSIS", "RELEVANT HISTORY", "FINDINGS",
                    "WHAT IS ASKED"):
        assert heading in lines, heading
    one_line = flat(text)
    # Her, the sender and the recipient with their details.
    assert f"Camilla Holm, CPR {seed.cpr_display}" in one_line
    assert "Lægerne i Søndergade Anne Mikkelsen Søndergade 12, 8000 Aarhus C phone 86 12 34 56" \
        in one_line
    assert ("Fysioterapi Bækkencentret Banegårdsgade 3, 8000 Aarhus C phone 86 65 43 21"
            in one_line)
    # Reason, diagnosis codes (ICD-10 and SKS), urgency.
    assert "Bækkensmerter bagtil i begge sider, VAS 8 cm." in one_line
    assert "ICD-10 O26.7, SKS DO267" in one_line
    assert "Subgroup: Double-sided SIJ syndrome" in one_line
    assert "Routine. No red flag was present at the examination." in one_line
    # History and findings from her GP's signed visit, as recorded there.
    gp_visit = seed.consultations.get(clinic__name=GP_CLINIC)
    assert f"Examined {date(timezone.localtime(gp_visit.seen_at).date())} (" in one_line
    assert "Onset in gestational week 28" in one_line
    assert "Fortsætte med at træne atleterne og gå normalt på trapper hjemme." in one_line
    assert "NRS (0-10) worst in the last week: 8" in one_line
    assert "NRS (0-10) now: 6" in one_line
    assert re.search(r"P4 / thigh thrust \(posterior pelvic pain provocation\): left positive, "
                     r"familiar pain; right positive, familiar pain", one_line)
    assert "ASLR total: 4 of 10" in one_line
    assert "Gait: Abnormal (Korte skridt, halter let)" in one_line
    assert "Please send a discharge letter when the course ends." in one_line
    # The physiotherapist's own later visits are not "behind" the referral.
    assert "VAS" not in one_line.replace("VAS 8 cm", "")


def test_the_referral_letter_is_danish_unless_english_is_asked_for(seed):
    text = text_of(client_for("demo-gp").get(
        reverse("interop:referral_letter", args=[referral_of(seed).public_id])))
    assert text.splitlines()[0] == "Henvisning til fysioterapi"
    assert "HENVISNINGSÅRSAG" in text and "ICD-10 O26.7, SKS DO267" in flat(text)
    assert client_for("demo-gp").get(
        referral_url(referral_of(seed), lang="de")).status_code == 404


def test_a_red_flag_behind_the_referral_is_named_first_with_its_action(seed):
    visit = seed.consultations.get(clinic__name=GP_CLINIC)
    visit.red_flag_answers.filter(flag="preterm_labour").update(
        status="present", action_taken="Ringet til fødeafdelingen.")
    text = flat(text_of(client_for("demo-gp").get(referral_url(referral_of(seed)))))
    assert "Please read first: a red flag was present at the examination." in text
    assert "Ringet til fødeafdelingen." in text
    assert "Routine." not in text


def test_sks_code_is_the_icd10_code_with_a_d_and_no_dot():
    assert sks_code("O26.7") == "DO267"
    assert sks_code("") == ""


# --- The discharge letter (DIS08's content) --------------------------------------------------


def test_the_discharge_letter_of_the_seed_case_compares_first_and_last_on_the_same_scale(seed):
    text = text_of(client_for("demo-physio").get(discharge_url(seed)))
    one_line = flat(text)
    assert text.splitlines()[0] == "Discharge letter from physiotherapy"
    visits = list(seed.consultations.filter(clinic__name=PHYSIO_CLINIC).order_by("seen_at"))
    first, last = (date(timezone.localtime(v.seen_at).date()) for v in (visits[0], visits[-1]))
    assert f"3 consultations from {first} (" in one_line
    # Pain: first vs last on its own scale and context, never converted; the NRS after
    # treatment was measured once and is said so.
    assert (f"VAS (0-100 mm) worst in the last week: 80 mm ({first}) → 20 mm ({last}), "
            "a clinically important improvement") in one_line
    assert f"VAS (0-100 mm) now: 60 mm ({first}) → 10 mm ({last})" in one_line
    assert f"NRS (0-10) after treatment: 3 (measured once, {first})" in one_line
    assert "NRS (0-10) worst" not in one_line  # her GP's NRS is not this clinic's course
    # The PGQ total at her first and last form, as stored.
    forms = list(QuestionnaireResponse.objects.filter(consultation__in=visits)
                 .order_by("filled_on"))
    with translation.override("en"):
        before, after = (formats.number_format(q.total, 1) for q in (forms[0], forms[-1]))
    assert f"PGQ total: {before} % ({first}) → {after} % ({last})" in one_line
    assert f"ASLR total (0–10): 4 ({first}) → 0 ({last})" in one_line
    # The programme with its dosage, the advice and the recommendation.
    for item in visits[-1].programme_items.select_related("exercise"):
        with translation.override("en"):
            assert f"- {item.exercise.local_title}: {item.dosage_text()}" in text
    assert "A pelvic belt is advised: Ved lang tids stående og gående arbejde" in one_line
    assert "RECOMMENDATION" in text and "ADVICE" in text
    # To the GP who referred her, from the physiotherapist.
    assert "Lægerne i Søndergade Anne Mikkelsen" in one_line
    assert "Fysioterapi Bækkencentret Peter Dahl" in one_line


def test_a_draft_never_enters_the_discharge_letter(seed):
    physio = User.objects.get(username="demo-physio")
    clinic = Clinic.objects.get(name=PHYSIO_CLINIC)
    draft = make_consultation(seed, seed.current_pregnancy, physio, clinic=clinic)
    PainScore.objects.create(consultation=draft, scale="vas", context="now", value=99)
    text = text_of(client_for("demo-physio").get(discharge_url(seed)))
    assert "99 mm" not in text and "3 consultations" in text


def test_a_clinic_without_its_own_signed_visits_says_so(seed):
    second = make_clinic("Fysio Nummer To", kind="physiotherapy")
    make_clinician("rita", second, role="physiotherapist")
    Referral.objects.create(pregnancy=seed.current_pregnancy, from_clinic=seed.clinic,
                            to_clinic=second, created_by=User.objects.get(username="demo-gp"))
    text = text_of(client_for("rita").get(discharge_url(seed)))
    assert "Your clinic has no signed consultation in this pregnancy yet." in text
    assert "80 mm" not in text  # the other physiotherapy clinic's course is not hers to report


# --- PDFs ------------------------------------------------------------------------------------


def test_both_letters_as_pdf_hold_the_same_text(seed):
    gp, physio = client_for("demo-gp"), client_for("demo-physio")
    for client, url in ((gp, referral_url(referral_of(seed), "interop:referral_letter_pdf")),
                        (physio, discharge_url(seed, "interop:discharge_letter_pdf"))):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert "Holm" not in response["Content-Disposition"]
        text = flat(pdf_text(response.content))
        page = flat(text_of(client.get(url.replace(".pdf", "/"))))
        assert seed.cpr_display in text
        for line in ("ICD-10 O26.7, SKS DO267", "Camilla Holm"):
            assert line in text and line in page
    referral_pdf = flat(pdf_text(gp.get(referral_url(
        referral_of(seed), "interop:referral_letter_pdf")).content))
    assert "Referral to physiotherapy" in referral_pdf and "What is asked" in referral_pdf
    discharge_pdf = flat(pdf_text(physio.get(discharge_url(
        seed, "interop:discharge_letter_pdf")).content))
    assert "80 mm" in discharge_pdf and "Outcome measures, first and last" in discharge_pdf


# --- The page: copy without inline script ----------------------------------------------------


def test_the_page_shows_the_text_readonly_and_copies_it_with_a_static_script(seed):
    response = client_for("demo-gp").get(referral_url(referral_of(seed)))
    html = response.content.decode()
    assert re.search(r"<textarea[^>]*id=\"letter-text\"[^>]*readonly", html)
    assert re.search(r"<button[^>]*data-copy-from=\"letter-text\"[^>]*hidden", html)
    assert 'src="/static/js/copy_letter.js"' in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))  # CSP: no inline
    # The letter's language: English here, Danish one click away (and its PDF alike).
    assert '<strong lang="en">English</strong>' in html
    assert '<a href="?lang=da" lang="da">Dansk</a>' in html
    assert referral_url(referral_of(seed), "interop:referral_letter_pdf") in html


def test_her_page_offers_the_letters_where_they_apply(seed):
    gp_page = client_for("demo-gp").get(seed.get_absolute_url()).content.decode()
    assert reverse("interop:referral_letter", args=[referral_of(seed).public_id]) in gp_page
    assert 'data-testid="discharge-letter"' not in gp_page  # a GP practice writes none
    physio_page = client_for("demo-physio").get(seed.get_absolute_url()).content.decode()
    assert discharge_url(seed).split("?")[0] in physio_page


# --- Who may read them -----------------------------------------------------------------------


def test_referral_letter_personas(seed):
    referral = referral_of(seed)
    url = referral_url(referral)
    outsider_clinic = make_clinic("Fysio Udenfor", kind="physiotherapy")
    make_clinician("olga", outsider_clinic, role="physiotherapist")
    assert client_for("demo-gp").get(url).status_code == 200
    assert client_for("demo-physio").get(url).status_code == 200  # referred, open
    assert client_for("olga").get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    close_referral(referral=referral, by=User.objects.get(username="demo-gp"))
    assert client_for("demo-gp").get(url).status_code == 200
    # Closed: the sender's notes are no longer the physiotherapy clinic's to see.
    assert client_for("demo-physio").get(url).status_code == 404
    assert client_for("demo-physio").get(
        referral_url(referral, "interop:referral_letter_pdf")).status_code == 404


def test_discharge_letter_personas_and_her_details_as_the_clinic_knew_them(seed):
    url = discharge_url(seed)
    outsider_clinic = make_clinic("Fysio Udenfor", kind="physiotherapy")
    make_clinician("olga", outsider_clinic, role="physiotherapist")
    assert client_for("demo-physio").get(url).status_code == 200
    assert client_for("olga").get(url).status_code == 404
    assert client_for("olga").get(discharge_url(
        seed, "interop:discharge_letter_pdf")).status_code == 404
    assert Client().get(url).status_code == 302
    close_referral(referral=referral_of(seed), by=User.objects.get(username="demo-gp"))
    seed.last_name = "Holm-Berg"
    seed.save()
    # The physiotherapy clinic's journal outlives the closed referral; her name is as it was.
    text = text_of(client_for("demo-physio").get(url))
    assert "Camilla Holm," in text and "Holm-Berg" not in text
    assert "3 consultations" in text


def test_reading_a_letter_is_in_her_access_log(seed):
    client_for("demo-physio").get(discharge_url(seed, "interop:discharge_letter_pdf"))
    client_for("demo-gp").get(referral_url(referral_of(seed)))
    logged = set(AccessLogEntry.objects.filter(patient=seed).values_list("user__username", "what"))
    assert ("demo-physio", "interop:discharge_letter_pdf") in logged
    assert ("demo-gp", "interop:referral_letter") in logged


# --- Query counts: constant in the number of consultations -----------------------------------


def _signed(patient, pregnancy, clinician, clinic, count):
    for number in range(count):
        visit = make_consultation(patient, pregnancy, clinician, clinic=clinic,
                                  seen_at=timezone.now() - datetime.timedelta(days=40 - number))
        visit.status, visit.signed_by, visit.signed_at = "signed", clinician, timezone.now()
        visit.save()
        PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=5)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["interop:discharge_letter", "interop:referral_letter"])
def test_letters_run_the_same_queries_for_3_and_30_visits(clinic, alice, patient, name):
    physio_clinic = make_clinic("Fysio Forløb", kind="physiotherapy")
    physio = make_clinician("petra", physio_clinic, role="physiotherapist")
    pregnancy = patient.pregnancies.get()
    referral = Referral.objects.create(pregnancy=pregnancy, from_clinic=clinic,
                                       to_clinic=physio_clinic, created_by=alice)
    client = Client()
    if name == "interop:discharge_letter":
        sign_in_as(client, physio)
        url = reverse(name, args=[patient.public_id, pregnancy.public_id])
        writer, where = physio, physio_clinic
    else:
        sign_in_as(client, alice)
        url = reverse(name, args=[referral.public_id])
        writer, where = alice, clinic
    _signed(patient, pregnancy, writer, where, 3)
    few = _queries(client, url)
    _signed(patient, pregnancy, writer, where, 27)
    assert _queries(client, url) == few
    assert "30 consultations" in text_of(client.get(url + "?lang=en")) or (
        name == "interop:referral_letter")


# --- The pure builders -----------------------------------------------------------------------


class _Parts(list):
    def all(self):
        return self


def _visit(day, *scores):
    from types import SimpleNamespace

    seen_at = timezone.make_aware(datetime.datetime(2026, 11, day, 9))
    return SimpleNamespace(seen_at=seen_at, pain_scores=_Parts(
        SimpleNamespace(scale=scale, context=context, value=value)
        for scale, context, value in scores))


def test_pain_is_compared_only_on_the_same_scale_and_context_never_converted():
    from interop.letters import pain_outcome_lines

    visits = [_visit(2, ("nrs", "now", 6), ("vas", "at_rest", 50)),
              _visit(9, ("vas", "now", 20), ("vas", "at_rest", 45)),
              _visit(16, ("nrs", "now", 3))]
    with translation.override("en"):
        lines = pain_outcome_lines(visits)
    assert lines == [
        "NRS (0-10) now: 6 (2 November 2026) → 3 (16 November 2026), "
        "a clinically important improvement",
        "VAS (0-100 mm) now: 20 mm (measured once, 9 November 2026)",
        "VAS (0-100 mm) at rest: 50 mm (2 November 2026) → 45 mm (9 November 2026), "
        "a change below the clinically important threshold",
    ]


def test_her_free_text_stays_inert_in_the_letter_page_and_pdf(seed):
    payload = '</textarea><script>alert(1)</script><img src=x onerror=alert(2)>'
    seed.consultations.filter(clinic__name=GP_CLINIC).update(history_notes=payload)
    client = client_for("demo-gp")
    html = client.get(referral_url(referral_of(seed))).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert payload in text_of(client.get(referral_url(referral_of(seed))))  # kept as written
    pdf = client.get(referral_url(referral_of(seed), "interop:referral_letter_pdf"))
    assert "alert(1)" in flat(pdf_text(pdf.content))  # printed as text, never run
