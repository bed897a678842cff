"""The FHIR R4 export of one pregnancy episode (interop/fhir.py, docs/fhir.md).

Every resource is parsed with a maintained FHIR model library (fhir.resources, R4B models),
so a Bundle the library would refuse fails here. The seed case of the demo data is the
episode exported: the GP's first visit, the physiotherapist's three, two PGQ forms and the
referral between the clinics.
"""

import datetime
import html
import json
import logging
import re
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse, RedFlagAnswer
from assessments.scoring import PGQ_VERSION
from clinics.models import Clinic, User
from consultations.demo import PHYSIO_CLINIC, load_demo
from consultations.models import AccessLogEntry, Consultation, Referral
from education.models import Exercise, ProgrammeItem
from interop.fhir import REPORTED_BY, full_url
from portal.models import PatientReport
from portal.workflows import Answers, submit

from ..factories import (make_clinic, make_clinician, make_consultation, make_questionnaire_link,
                         sign_in_as)

LOINC, ICD10, SKS = "http://loinc.org", "http://hl7.org/fhir/sid/icd-10", "urn:oid:1.2.208.176.2.4"
CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
SCALE_BY_LOINC = {"72514-3": "NRS", "38214-3": "VAS"}  # docs/fhir.md, "Pain scores"


def export_url(patient, pregnancy=None, **query):
    pregnancy = pregnancy or patient.current_pregnancy
    url = reverse("interop:fhir_export", args=[patient.public_id, pregnancy.public_id])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def export(client, patient, **query):
    response = client.get(export_url(patient, **query))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    return json.loads(response.content)


def parsed(data):
    """The Bundle and each resource on its own, through the FHIR library (raises if invalid)."""
    Bundle.model_validate(data)
    for entry in data["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    return data


def resources(data, kind):
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def by_url(data):
    return {e["fullUrl"]: e["resource"] for e in data["entry"]}


def codes(resource):
    return {(c["system"], c["code"]) for c in resource["code"]["coding"]}


def references(node):
    """Every reference anywhere in a resource."""
    if isinstance(node, dict):
        found = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return found + [r for value in node.values() for r in references(value)]
    if isinstance(node, list):
        return [r for value in node for r in references(value)]
    return []


@pytest.fixture
def seed(db):
    return load_demo()


def signed_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def gp_client(seed):
    return signed_in("demo-gp")


def test_the_seed_episode_exports_to_a_bundle_with_every_resource_type(gp_client, seed):
    data = parsed(export(gp_client, seed))
    assert data["type"] == "collection"
    kinds = Counter(e["resource"]["resourceType"] for e in data["entry"])
    assert set(kinds) == {"Patient", "EpisodeOfCare", "Observation", "Condition", "Encounter",
                          "QuestionnaireResponse", "Questionnaire", "ServiceRequest", "CarePlan",
                          "Organization"}
    visits = list(Consultation.objects.filter(pregnancy=seed.current_pregnancy, status="signed"))
    assert kinds["Encounter"] == len(visits) == 4  # the GP's first visit, the physio's three
    assert kinds["QuestionnaireResponse"] == 2 and kinds["ServiceRequest"] == 1
    assert kinds["Patient"] == kinds["EpisodeOfCare"] == kinds["Condition"] == 1
    assert kinds["Organization"] == 2  # the GP practice and the physiotherapy clinic
    urls = [e["fullUrl"] for e in data["entry"]]
    assert len(urls) == len(set(urls))
    # every reference points at a resource in the Bundle (the Questionnaire by its canonical)
    assert {r for e in data["entry"] for r in references(e["resource"])} <= set(urls)


def test_the_seed_episode_carries_the_codes_of_docs_fhir(gp_client, seed):
    data = parsed(export(gp_client, seed))
    pregnancy = seed.current_pregnancy
    observations = resources(data, "Observation")
    due = [o for o in observations if (LOINC, "11778-8") in codes(o)]
    assert [o["valueDateTime"] for o in due] == [pregnancy.edd.isoformat()]
    ga = [o for o in observations if (LOINC, "11884-4") in codes(o)]
    visits = Consultation.objects.filter(pregnancy=pregnancy, status="signed").order_by("seen_at")
    assert [(o["valueQuantity"]["value"], o["valueQuantity"]["code"]) for o in ga] == [
        (visit.ga_days_at_visit, "d") for visit in visits]

    condition, = resources(data, "Condition")
    assert codes(condition) == {(ICD10, "O26.7"), (SKS, "DO267")}
    assert gettext("Double-sided SIJ syndrome") in condition["code"]["text"]

    pain = [o for o in observations if codes(o) & {(LOINC, "72514-3"), (LOINC, "38214-3")}]
    assert len(pain) == PainScore.objects.filter(consultation__in=visits).count()
    for score in pain:
        vas = (LOINC, "38214-3") in codes(score)
        assert score["valueQuantity"]["unit"] == ("mm" if vas else "{score}")
    tests = [o for o in observations if o["code"]["coding"][0]["system"].endswith("pelvic-test")]
    assert len(tests) == PelvicTestResult.objects.filter(consultation__in=visits).count()
    p4_left = [t for t in tests if t["code"]["coding"][0]["code"] == "p4"
               and t["bodySite"]["coding"][0]["code"] == "left"]
    assert {c["code"] for c in p4_left[0]["bodySite"]["coding"]} == {"left", "7771000"}
    assert p4_left[0]["valueCodeableConcept"]["coding"][0]["code"] == "positive_familiar"
    totals = [o for o in observations if o["code"]["coding"][0]["code"] == "aslr-total"]
    everything = by_url(data)
    assert [t["valueInteger"] for t in totals] == [4, 4, 2, 0]  # 2+2 at the GP, then the course
    for total in totals:
        sides = [everything[r["reference"]] for r in total["derivedFrom"]]
        assert sum(side["valueInteger"] for side in sides) == total["valueInteger"]
    flags = [o for o in observations if o["code"]["coding"][0]["system"].endswith("red-flag")]
    assert len(flags) == RedFlagAnswer.objects.filter(consultation__in=visits).count() > 0

    for response in resources(data, "QuestionnaireResponse"):
        assert [item["linkId"] for item in response["item"]] == [str(n) for n in range(1, 26)]
        assert "answer" not in response["item"][17]  # item 18 left out on her form
    questionnaire, = resources(data, "Questionnaire")
    assert all(set(item) == {"linkId", "prefix", "type"} for item in questionnaire["item"])
    assert questionnaire["url"] == resources(data, "QuestionnaireResponse")[0]["questionnaire"]
    scored = [o for o in observations if o["code"]["coding"][0]["code"] == "pgq-total"]
    stored = QuestionnaireResponse.objects.filter(consultation__in=visits).order_by("filled_on")
    assert [o["valueQuantity"]["value"] for o in scored] == [float(q.total) for q in stored]
    assert all(everything[o["derivedFrom"][0]["reference"]]["resourceType"]
               == "QuestionnaireResponse" for o in scored)

    referral, = resources(data, "ServiceRequest")
    assert everything[referral["performer"][0]["reference"]]["name"] == PHYSIO_CLINIC
    assert referral["status"] == "active"
    plans = resources(data, "CarePlan")
    assert [p["status"] for p in plans] == ["completed", "completed", "completed", "active"]
    latest = visits.last().programme_items.select_related("exercise")
    activities = plans[-1]["activity"]
    assert [a["detail"]["code"]["coding"][0]["code"] for a in activities] == [
        item.exercise.slug for item in latest]
    assert [a["detail"]["scheduledTiming"]["repeat"]["frequency"] for a in activities] == [
        item.times_per_day for item in latest]
    rest = [a["detail"] for a in activities
            if a["detail"]["code"]["coding"][0]["code"] == "side-lying-rest"][0]
    assert {e["url"].rsplit("-", 1)[-1]: e["valueInteger"] for e in rest["extension"]} \
        == {"sets": 1, "seconds": 900}


def shown(page, testid):
    """The text of one field of the consultation page, as lines."""
    block = re.search(rf'data-testid="{testid}">(.*?)</dd>', page, re.S).group(1)
    text = html.unescape(re.sub(r"<[^>]+>", "", block.replace("<br>", "\n")))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def pain_as_shown(observation):
    context = observation["extension"][0]["valueCodeableConcept"]["coding"][0]["display"]
    scale = SCALE_BY_LOINC[observation["code"]["coding"][0]["code"]]
    quantity = observation["valueQuantity"]
    unit = " mm" if quantity["unit"] == "mm" else ""
    return f"{context}: {scale} {quantity['value']}{unit}"


def result_as_shown(observation):
    side = observation["bodySite"]["text"].lower()
    if observation["code"]["coding"][0]["code"] == "aslr":
        return f"ASLR {side}: {observation['valueInteger']}"
    name = observation["code"]["coding"][0]["display"]
    result = observation["valueCodeableConcept"]["coding"][0]["display"].lower()
    return f"{name} {side}: {result}"




@pytest.mark.parametrize("language", ["da", "en"])
def test_every_pain_score_and_test_result_round_trips_to_her_consultation_pages(gp_client, seed,
                                                                                 language):
    """Read back out of the Bundle, each visit's pain scores and pelvic tests are exactly
    what her consultation page shows, in words (scale, unit, side, result), in either
    language."""
    gp_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    data = parsed(export(gp_client, seed))
    everything = by_url(data)
    visits = Consultation.objects.filter(pregnancy=seed.current_pregnancy, status="signed")
    compared = 0
    for entry in data["entry"]:
        encounter = entry["resource"]
        if encounter["resourceType"] != "Encounter":
            continue
        visit = visits.get(seen_at=datetime.datetime.fromisoformat(encounter["period"]["start"]))
        page = gp_client.get(visit.get_absolute_url()).content.decode()
        assert f'<html lang="{language}">' in page
        parts = [r for r in everything.values() if r.get("encounter", {}).get("reference")
                 == entry["fullUrl"] and r["resourceType"] == "Observation"]
        pain = [pain_as_shown(o) for o in parts
                if o["code"]["coding"][0]["code"] in SCALE_BY_LOINC]
        tests = [result_as_shown(o) for o in parts
                 if o["code"]["coding"][0]["system"].endswith("pelvic-test")]
        assert Counter(pain) == Counter(shown(page, "pain-scores")[0].split(" · "))
        assert Counter(tests) == Counter(shown(page, "test-results"))
        compared += len(pain) + len(tests)
    assert compared == (PainScore.objects.filter(consultation__in=visits).count()
                        + PelvicTestResult.objects.filter(consultation__in=visits).count())
    assert compared > 20


def test_her_cpr_number_is_in_the_bundle_only_when_the_clinician_chose_it(gp_client, seed):
    for query in ({}, {"cpr": "0"}, {"cpr": "yes"}):
        response = gp_client.get(export_url(seed, **query))
        data = json.loads(response.content)
        patient, = resources(data, "Patient")
        assert "identifier" not in patient
        assert seed.cpr not in response.content.decode()
        assert patient["birthDate"] == "1993-07-17"
        assert patient["name"][0]["family"] == "Holm" and patient["name"][0]["given"] == ["Camilla"]
    patient, = resources(parsed(export(gp_client, seed, cpr="1")), "Patient")
    assert patient["identifier"] == [{"use": "official", "system": CPR_SYSTEM,
                                      "value": "1707932346"}]


def test_drafts_never_leave_the_app(gp_client, seed):
    gp = User.objects.get(username="demo-gp")
    draft = make_consultation(seed, seed.current_pregnancy, gp, history_notes="Kladde")
    PainScore.objects.create(consultation=draft, scale="nrs", context="now", value=7)
    data = parsed(export(gp_client, seed))
    assert len(resources(data, "Encounter")) == 4
    urls = {e["fullUrl"] for e in data["entry"]}
    assert full_url("consultation", draft.public_id) not in urls  # its Encounter would be
    encounters = {e["fullUrl"] for e in data["entry"]
                  if e["resource"]["resourceType"] == "Encounter"}
    nrs = [o for o in resources(data, "Observation")
           if o["code"]["coding"][0]["code"] == "72514-3"]
    assert all(o["encounter"]["reference"] in encounters for o in nrs)
    assert len(nrs) == PainScore.objects.filter(consultation__status="signed",
                                                consultation__patient=seed, scale="nrs").count()


def test_the_export_is_a_download_named_without_her_and_logged(gp_client, seed):
    response = gp_client.get(export_url(seed))
    name = response["Content-Disposition"].split("filename=")[1].strip('"')
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"].startswith("attachment")
    assert name == f"fhir-{day}-{seed.current_pregnancy.public_id.hex[:8]}.json"
    entry = AccessLogEntry.objects.get(what="interop:fhir_export")
    assert (entry.patient, entry.user.username) == (seed, "demo-gp")


def test_fullurls_are_the_same_in_every_export(gp_client, seed):
    first, second = export(gp_client, seed), export(gp_client, seed)
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    assert first["identifier"] != second["identifier"]  # each file is its own


def test_her_page_offers_the_export_with_the_cpr_choice(gp_client, seed):
    page = gp_client.get(seed.get_absolute_url()).content.decode()
    assert f'action="{export_url(seed)}"' in page
    assert 'name="cpr" value="1"' in page


# --- Who may export -------------------------------------------------------------------------


def test_the_referred_clinic_exports_what_it_sees(seed):
    data = parsed(export(signed_in("demo-physio"), seed))
    assert len(resources(data, "Encounter")) == 4  # its own three and the GP's signed note
    assert len(resources(data, "ServiceRequest")) == 1


def test_a_colleague_of_the_same_clinic_exports_too(seed):
    colleague = make_clinician("gitte", seed.clinic, role="midwife")
    client = Client()
    sign_in_as(client, colleague)
    assert len(resources(parsed(export(client, seed)), "Encounter")) == 4


def test_another_clinic_gets_404_and_nothing_is_logged(seed):
    stranger = make_clinician("olga", make_clinic("Tredje Klinik"))
    client = Client()
    sign_in_as(client, stranger)
    assert client.get(export_url(seed, cpr="1")).status_code == 404
    assert not AccessLogEntry.objects.filter(user=stranger).exists()


def test_anonymous_is_sent_to_sign_in(seed):
    response = Client().get(export_url(seed))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_pregnancy_of_another_woman_is_404(gp_client, seed):
    other = seed.clinic.patients.exclude(pk=seed.pk).first()
    url = reverse("interop:fhir_export", args=[seed.public_id,
                                               other.current_pregnancy.public_id])
    assert gp_client.get(url).status_code == 404


# --- Cost -----------------------------------------------------------------------------------


# --- Her answers from home (issue 16 item 6) -----------------------------------------------


def send_report(pregnancy, clinician, clinic=None, *, pain=3, pgq=True, hardest=""):
    """Her answers through the portal's own workflow: NRS for turning in bed and walking, two
    PSFS activities, and (pgq) the PGQ with item 18 left out."""
    link = make_questionnaire_link(pregnancy, clinician, clinic)
    answers = Answers(
        pain={(activity, moment): pain for activity in link.contexts
              for moment in ("now", "worst_week")},
        pgq={n: None if n == 18 else n % 4 for n in range(1, 26)} if pgq else None,
        psfs=[("Gå med barnevognen", 4), ("Bære min datter", 7)], hardest=hardest)
    return submit(link=link, answers=answers, language="da")


def is_hers(resource):
    return any(c["system"] == REPORTED_BY and c["code"] == "patient"
               for category in resource.get("category", []) for c in category["coding"])


def test_her_answers_from_home_go_in_as_hers_beside_the_clinicians(gp_client, seed):
    gp = User.objects.get(username="demo-gp")
    report = send_report(seed.current_pregnancy, gp, pain=6, hardest="At vende mig om natten")
    data = parsed(export(gp_client, seed))
    everything = by_url(data)
    patient_url = full_url("patient", seed.public_id)
    hers = {url: r for url, r in everything.items() if is_hers(r)}
    # each NRS value (2 activities x 2 moments), 2 PSFS rows, the PGQ score and the panel
    assert len(hers) == 4 + 2 + 1 + 1
    assert all(r["performer"] == [{"reference": patient_url}] and "encounter" not in r
               for r in hers.values())
    pain = [r for r in hers.values() if (LOINC, "72514-3") in codes(r)]
    as_read = {tuple(e["valueCodeableConcept"]["coding"][0]["code"] for e in r["extension"])
               + (r["valueQuantity"]["value"],) for r in pain}
    assert as_read == {(row.moment, row.activity, row.value) for row in report.pain_rows.all()}
    psfs = [r for r in hers.values() if r["code"]["coding"][0]["code"] == "psfs"]
    assert [(r["component"][0]["valueString"], r["valueInteger"]) for r in psfs] == [
        ("Gå med barnevognen", 4), ("Bære min datter", 7)]
    response, = [r for r in resources(data, "QuestionnaireResponse")
                 if r.get("source") == {"reference": patient_url}]
    assert response["author"] == {"reference": patient_url} and "encounter" not in response
    assert "answer" not in response["item"][17]
    assert [i["answer"][0]["valueInteger"] for i in response["item"] if "answer" in i] == [
        report.pgq_items[str(n)] for n in range(1, 26) if n != 18]
    score, = [r for r in hers.values() if r["code"]["coding"][0]["code"] == "pgq-total"]
    assert everything[score["derivedFrom"][0]["reference"]] is response
    assert score["valueQuantity"]["value"] == float(report.pgq_total)
    panel, = [r for r in hers.values() if r["code"]["coding"][0]["code"] == "patient-report"]
    assert {m["reference"] for m in panel["hasMember"]} == set(hers) - {
        url for url, r in hers.items() if r is panel}
    assert panel["note"] == [{"text": "At vende mig om natten"}]
    assert panel["effectiveDateTime"] == timezone.localtime(
        report.submitted_at).replace(microsecond=0).isoformat()
    # the clinicians' own values are not marked hers
    assert not any(is_hers(r) for r in resources(data, "Observation") if "encounter" in r)


def test_only_the_answers_on_the_exporting_clinics_links_go_in_and_each_is_logged(seed):
    gp, physio = (User.objects.get(username=name) for name in ("demo-gp", "demo-physio"))
    pregnancy = seed.current_pregnancy
    to_gp = send_report(pregnancy, gp, pgq=False)
    to_physio = send_report(pregnancy, physio, Clinic.objects.get(name=PHYSIO_CLINIC))
    for username, own, other in (("demo-gp", to_gp, to_physio),
                                 ("demo-physio", to_physio, to_gp)):
        data = parsed(export(signed_in(username), seed))
        urls = {e["fullUrl"] for e in data["entry"]}
        assert full_url("report", own.public_id) in urls
        assert full_url("report", other.public_id) not in urls
        logged = AccessLogEntry.objects.filter(user__username=username,
                                               what="interop:fhir_export")
        assert set(logged.values_list("object_id", flat=True)) >= {f"report:{own.public_id}"}
        assert not logged.filter(object_id=f"report:{other.public_id}").exists()
    # without a PGQ from home, the GP's export holds only the clinicians' two forms
    assert len(resources(parsed(export(signed_in("demo-gp"), seed)),
                         "QuestionnaireResponse")) == 2


def add_visit(patient, clinician, exercise, number):
    """A signed visit with two pain scores, four tests, a red flag answer, an exercise and a
    PGQ: every part the export reads."""
    visit = make_consultation(patient, patient.pregnancies.get(), clinician,
                              seen_at=timezone.now() - datetime.timedelta(days=60 - number))
    visit.status, visit.signed_by, visit.signed_at = "signed", clinician, timezone.now()
    visit.save()
    PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=5)
    PainScore.objects.create(consultation=visit, scale="vas", context="worst_week", value=70)
    for test, side, result, score in [("p4", "left", "positive_familiar", None),
                                      ("p4", "right", "negative", None),
                                      ("aslr", "left", "", 2), ("aslr", "right", "", 1)]:
        PelvicTestResult.objects.create(consultation=visit, test=test, side=side, result=result,
                                        aslr_score=score)
    RedFlagAnswer.objects.create(consultation=visit, flag="trauma", status="absent")
    ProgrammeItem.objects.create(consultation=visit, exercise=exercise, sets=2, reps=8,
                                 times_per_day=2)
    QuestionnaireResponse.objects.create(
        consultation=visit, scoring_version=PGQ_VERSION, filled_on=timezone.localdate(),
        items={str(n): 1 for n in range(1, 26)}, total=33.3, activity=33.3, symptom=33.3,
        answered=25, recorded_by=clinician)


def test_the_export_runs_the_same_queries_for_3_and_30_visits(alice_client, alice, patient,
                                                              other_clinic):
    Referral.objects.create(pregnancy=patient.pregnancies.get(), from_clinic=patient.clinic,
                            to_clinic=other_clinic, created_by=alice)
    exercise = Exercise.objects.filter(clinic=None).first()

    url = export_url(patient)

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = alice_client.get(url)
        return len(captured), len(resources(json.loads(response.content), "Encounter"))

    for number in range(3):
        add_visit(patient, alice, exercise, number)
        send_report(patient.pregnancies.get(), alice, hardest="Trapper")
    few, encounters = count()
    assert encounters == 3
    for number in range(3, 30):
        add_visit(patient, alice, exercise, number)
        send_report(patient.pregnancies.get(), alice)
    many, encounters = count()
    assert encounters == 30
    assert PatientReport.objects.count() == 30
    # session, user, membership; her, the access log, the pregnancy; the visits and their five
    # kinds of parts; the referrals; her reports and their two kinds of rows; the reports'
    # access log; the session saved; the request's savepoints
    assert many == few <= 22


def test_the_library_refuses_what_fhir_refuses(gp_client, seed):
    """The validation is real: the same Bundle with one required element gone, or a value of
    the wrong type, does not parse."""
    from pydantic import ValidationError

    data = export(gp_client, seed)
    observation = next(e["resource"] for e in data["entry"]
                       if e["resource"]["resourceType"] == "Observation")
    del observation["status"]
    with pytest.raises(ValidationError):
        parsed(data)
    data = export(gp_client, seed)
    patient = next(e["resource"] for e in data["entry"]
                   if e["resource"]["resourceType"] == "Patient")
    patient["birthDate"] = "17.07.1993"
    with pytest.raises(ValidationError):
        parsed(data)


def test_a_referral_her_plan_names_outside_the_app_is_a_service_request_too(gp_client, seed):
    """Ida's GP sent her to the obstetric department (a red flag): not a referral the app
    carries out, so its state is unknown here, but the receiver sees it was asked for."""
    ida = seed.clinic.patients.get(first_name="Ida")
    data = parsed(export(gp_client, ida))
    request, = resources(data, "ServiceRequest")
    assert request["code"]["coding"][0]["code"] == "obstetric_department"
    assert (request["status"], request["intent"]) == ("unknown", "order")
    encounter, = [e for e in data["entry"] if e["resource"]["resourceType"] == "Encounter"]
    assert request["encounter"]["reference"] == encounter["fullUrl"]
    flag, = [o for o in resources(data, "Observation")
             if o["code"]["coding"][0]["code"] == "preterm_labour"]
    assert flag["valueCodeableConcept"]["coding"][0]["code"] == "present"
    assert "fødeafdelingen" in flag["note"][0]["text"]


def test_the_security_log_says_who_exported_and_whether_with_her_cpr(gp_client, seed, caplog):
    caplog.set_level(logging.INFO, logger="pgp.security")
    export(gp_client, seed, cpr="1")
    export(gp_client, seed)
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "pgp.security"]
    exported = [e for e in events if e["event"] == "episode_exported"]
    assert [(e["user"], e["format"], e["cpr"]) for e in exported] == [
        ("demo-gp", "fhir", True), ("demo-gp", "fhir", False)]
    assert not any(seed.cpr in json.dumps(e) or seed.last_name in json.dumps(e) for e in events)


def test_an_episode_after_the_birth_without_signed_visits_still_exports(gp_client, seed):
    """Louise has only a draft; Mette gave birth 5 weeks ago and has no visit: each gets her,
    the episode and its due date, nothing invented."""
    for name, status, ends in (("Louise", "active", False), ("Mette", "finished", True)):
        woman = seed.clinic.patients.get(first_name=name)
        data = parsed(export(gp_client, woman))
        kinds = Counter(e["resource"]["resourceType"] for e in data["entry"])
        assert kinds == {"Patient": 1, "EpisodeOfCare": 1, "Observation": 1, "Organization": 1}
        episode, = resources(data, "EpisodeOfCare")
        assert episode["status"] == status
        pregnancy = woman.current_pregnancy
        assert episode["period"].get("end") == (
            pregnancy.delivery_date.isoformat() if ends else None)
