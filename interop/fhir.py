"""One pregnancy episode as a FHIR R4 `collection` Bundle (docs/fhir.md has every mapping).

Pure functions: rows already fetched (interop/fhir_views.py loads them in a fixed number of
queries) in, plain dicts out, JSON-ready. The app needs no FHIR library to build them; the
tests parse every resource with one (fhir.resources) to prove they are valid.

fullUrls are `urn:uuid:` names derived from the records' own public ids (uuid5), so the same
record gets the same fullUrl in every export, and references between resources use them.
Display texts follow the active language; codes never do.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import catalogue
from assessments.scoring import ALL_ITEMS
from consultations import gestation
from consultations.pages import TO_PHYSIOTHERAPY
from portal.models import PainActivity, PainMoment

# Code systems of others
LOINC = "http://loinc.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
SKS = "urn:oid:1.2.208.176.2.4"  # Sundhedsvæsenets klassifikationssystem
CPR = "urn:oid:1.2.208.176.1.2"  # DK Core's CPR identifier system
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"

# LOINC codes (clinical brief §8)
LOINC_EDD = "11778-8"  # Delivery date Estimated
LOINC_GA = "11884-4"  # Gestational age Estimated
LOINC_PAIN = {catalogue.PainScale.NRS: "72514-3", catalogue.PainScale.VAS: "38214-3"}

# Our own code systems, extensions and the PGQ questionnaire: names, not web addresses (the
# app publishes them in docs/fhir.md, not on a server of its own).
LOCAL = "urn:pgp-clinic:fhir"


def local(kind, name):
    return f"{LOCAL}:{kind}:{name}"


PAIN_CONTEXT = local("CodeSystem", "pain-context")
PELVIC_TEST = local("CodeSystem", "pelvic-test")
TEST_RESULT = local("CodeSystem", "pelvic-test-result")
SIDE = local("CodeSystem", "side")
RED_FLAG = local("CodeSystem", "red-flag")
RED_FLAG_STATUS = local("CodeSystem", "red-flag-status")
CONSULTATION_KIND = local("CodeSystem", "consultation-kind")
EDD_SOURCE = local("CodeSystem", "due-date-source")
EXERCISE = local("CodeSystem", "exercise")
REFERRAL_TARGET = local("CodeSystem", "referral-target")
MEASURE = local("CodeSystem", "measure")  # ASLR total, PGQ scores, referral, home programme
PAIN_ACTIVITY = local("CodeSystem", "pain-activity")  # what she rated, on her questionnaire
REPORTED_BY = local("CodeSystem", "reported-by")  # the category of what she filled in herself
PAIN_CONTEXT_EXTENSION = local("StructureDefinition", "pain-context")
PAIN_ACTIVITY_EXTENSION = local("StructureDefinition", "pain-activity")
DOSAGE_EXTENSION = {name: local("StructureDefinition", f"exercise-{name}")
                    for name in ("sets", "repetitions", "hold-seconds")}
PGQ_QUESTIONNAIRE = local("Questionnaire", "pgq")

# The body sides SNOMED CT names (qualifier values); the midline only in our own codes.
SNOMED_SIDE = {catalogue.Side.LEFT: "7771000", catalogue.Side.RIGHT: "24028007"}

# The namespace of every fullUrl: fixed, so a record's fullUrl is the same in every export.
NAMESPACE = uuid.UUID("6f1c4c57-0d3e-4f5e-9b1a-2f4e4b7d9c11")


def full_url(*parts):
    """A stable urn:uuid for a record (its public id, and a part name for its children)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(str(part) for part in parts))}"


@dataclass(frozen=True)
class Episode:
    """What one export holds: her, one pregnancy, its signed consultations (oldest first, with
    their parts prefetched), its referrals the clinic sent or received, and the answers she
    sent from home on the clinic's links (portal PatientReports, oldest first, with their
    rows prefetched)."""

    patient: object
    pregnancy: object
    consultations: list
    referrals: list
    reports: list = field(default_factory=list)
    include_cpr: bool = False
    exported_at: datetime.datetime = field(default_factory=timezone.now)


def bundle(episode: Episode) -> dict:
    """The episode as a FHIR `collection` Bundle (a dict, ready for json.dumps)."""
    builder = _Builder(episode)
    return {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
        "type": "collection",
        "timestamp": instant(episode.exported_at),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in builder.entries()],
    }


def instant(moment):
    """A FHIR dateTime in Copenhagen time, to the second."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def ref(url, display=None):
    reference = {"reference": url}
    if display:
        reference["display"] = str(display)
    return reference


def coding(system, code, display=None):
    result = {"system": system, "code": str(code)}
    if display is not None:
        result["display"] = str(display)
    return result


def concept(system, code, display=None, text=None):
    result = {"coding": [coding(system, code, display)]}
    if text:
        result["text"] = str(text)
    return result


def categories(code):
    return [concept(OBSERVATION_CATEGORY, code)]


def reported_categories():
    """Survey, and our mark that she filled it in herself ("udfyldt af patienten")."""
    return [concept(OBSERVATION_CATEGORY, "survey"),
            concept(REPORTED_BY, "patient", _("Filled in by the patient"))]


def absent(code):
    return concept(DATA_ABSENT, code)


def side_site(side):
    """Laterality in bodySite: our side code, and SNOMED CT's for left and right."""
    label = catalogue.Side(side).label
    codings = [coding(SIDE, side, label)]
    if side in SNOMED_SIDE:
        codings.append(coding(SNOMED, SNOMED_SIDE[side], label))
    return {"coding": codings, "text": str(label)}


class _Builder:
    """Walks the episode once, giving each resource its fullUrl and references."""

    def __init__(self, episode):
        self.episode = episode
        self.patient_url = full_url("patient", episode.patient.public_id)
        self.episode_url = full_url("pregnancy", episode.pregnancy.public_id)
        latest_assessed = [c for c in episode.consultations if c.icd10]
        self.assessed = latest_assessed[-1] if latest_assessed else None
        self.condition_url = full_url("condition", episode.pregnancy.public_id)
        self.clinics = {}

    def entries(self):
        episode = self.episode
        yield self.patient_url, self.patient()
        yield self.episode_of_care()
        yield self.due_date_url(), self.due_date()
        if self.assessed is not None:
            yield self.condition_url, self.condition()
        questionnaire_needed = False
        plans = [c for c in episode.consultations if c.programme_items.all()]
        for visit in episode.consultations:
            yield from self.visit(visit)
            questionnaire_needed |= bool(visit.questionnaires.all())
        for report in episode.reports:
            yield from self.report(report)
            questionnaire_needed |= report.pgq_items is not None
        for number, visit in enumerate(plans):
            yield self.care_plan(visit, plans[number - 1] if number else None,
                                 current=visit is plans[-1])
        for referral in episode.referrals:
            yield self.service_request(referral)
        for visit in episode.consultations:
            if self.plans_other_referral(visit):
                yield self.planned_referral(visit)
        if questionnaire_needed:
            yield full_url("questionnaire", "pgq"), pgq_questionnaire()
        yield from self.organizations()

    # --- Her, the episode, the diagnosis -----------------------------------------------------

    def patient(self):
        patient = self.episode.patient
        resource = {
            "resourceType": "Patient",
            "name": [{"use": "official", "text": patient.full_name, "family": patient.last_name,
                      "given": [patient.first_name]}],
            "birthDate": patient.date_of_birth.isoformat(),
            "managingOrganization": self.organization(patient.clinic),
        }
        if self.episode.include_cpr:
            resource["identifier"] = [{"use": "official", "system": CPR, "value": patient.cpr}]
        return resource

    def episode_of_care(self):
        pregnancy = self.episode.pregnancy
        period = {"start": (pregnancy.edd - datetime.timedelta(days=gestation.TERM_DAYS))
                  .isoformat()}
        if pregnancy.delivery_date:
            period["end"] = pregnancy.delivery_date.isoformat()
        resource = {
            "resourceType": "EpisodeOfCare",
            "status": "active" if pregnancy.is_ongoing else "finished",
            "type": [{"text": str(pregnancy)}],
            "patient": ref(self.patient_url),
            "managingOrganization": self.organization(self.episode.patient.clinic),
            "period": period,
        }
        if self.assessed is not None:
            resource["diagnosis"] = [{"condition": ref(self.condition_url)}]
        if self.episode.referrals:
            resource["referralRequest"] = [ref(full_url("referral", r.public_id))
                                           for r in self.episode.referrals]
        return self.episode_url, resource

    def due_date_url(self):
        return full_url("pregnancy", self.episode.pregnancy.public_id, "edd")

    def due_date(self):
        pregnancy = self.episode.pregnancy
        return {
            "resourceType": "Observation",
            "status": "final",
            "code": concept(LOINC, LOINC_EDD, "Delivery date Estimated", _("Due date")),
            "subject": ref(self.patient_url),
            "valueDateTime": pregnancy.edd.isoformat(),
            "method": concept(EDD_SOURCE, pregnancy.edd_source,
                              pregnancy.get_edd_source_display()),
        }

    def condition(self):
        visit = self.assessed
        codings = [coding(ICD10, visit.icd10)]
        if visit.icd10 == catalogue.DEFAULT_ICD10:
            codings[0]["display"] = ("Subluxation of symphysis (pubis) in pregnancy, "
                                     "childbirth and the puerperium")
        codings.append(coding(SKS, "D" + visit.icd10.replace(".", "")))
        text = _("Pregnancy-related pelvic girdle pain")
        if visit.subgroup:
            text = f"{text}: {catalogue.Subgroup(visit.subgroup).label}"
        return {
            "resourceType": "Condition",
            "clinicalStatus": concept(CONDITION_CLINICAL, "active"),
            "verificationStatus": concept(CONDITION_VERIFICATION, "confirmed"),
            "code": {"coding": codings, "text": text},
            "subject": ref(self.patient_url),
            "encounter": ref(full_url("consultation", visit.public_id)),
            "recordedDate": instant(visit.seen_at),
        }

    # --- One consultation --------------------------------------------------------------------

    def visit(self, visit):
        encounter_url = full_url("consultation", visit.public_id)
        yield encounter_url, self.encounter(visit)
        common = {"subject": ref(self.patient_url), "encounter": ref(encounter_url),
                  "effectiveDateTime": instant(visit.seen_at)}
        if visit.ga_days_at_visit is not None:
            yield full_url("consultation", visit.public_id, "ga"), observation(
                common, concept(LOINC, LOINC_GA, "Gestational age Estimated",
                                _("Gestational age at the visit")),
                valueQuantity={"value": visit.ga_days_at_visit, "unit": "d", "system": UCUM,
                               "code": "d"},
                note=[{"text": gestation.format_ga(visit.ga_days_at_visit)}]
                if visit.ga_days_at_visit >= 0 else None)
        for score in visit.pain_scores.all():
            yield full_url("pain", visit.public_id, score.pk), pain_observation(common, score)
        aslr = {}
        for row in visit.test_results.all():
            url = full_url("test", visit.public_id, row.test, row.side)
            if row.test == catalogue.PelvicTest.ASLR:
                aslr[row.side] = (url, row.aslr_score)
                yield url, aslr_observation(common, row)
            else:
                yield url, pelvic_test_observation(common, row)
        scored = [aslr.get(side) for side in (catalogue.Side.LEFT, catalogue.Side.RIGHT)]
        if all(side is not None and side[1] is not None for side in scored):
            yield full_url("test", visit.public_id, "aslr-total"), observation(
                common, concept(MEASURE, "aslr-total", _("ASLR, both sides")),
                category=categories("exam"), valueInteger=sum(score for _u, score in scored),
                derivedFrom=[ref(url) for url, _s in scored])
        for answer in visit.red_flag_answers.all():
            yield full_url("red-flag", visit.public_id, answer.flag), red_flag_observation(
                common, answer)
        for response in visit.questionnaires.all():
            response_url = full_url("pgq", visit.public_id, response.pk)
            yield response_url, questionnaire_response(
                response, patient_url=self.patient_url, encounter_url=encounter_url)
            yield full_url("pgq", visit.public_id, response.pk, "score"), pgq_observation(
                {**common, "effectiveDateTime": response.filled_on.isoformat()}, response,
                response_url)

    # --- What she sent from home ----------------------------------------------------------------

    def report(self, report):
        """One set of answers she sent: her NRS values and PSFS activities as Observations she
        performed, her PGQ as a QuestionnaireResponse she is the source of with its score,
        all in one panel Observation that carries her free text as its note. Never in an
        Encounter: she filled it in at home, outside any consultation."""
        base = ("report", report.public_id)
        common = {"subject": ref(self.patient_url),
                  "effectiveDateTime": instant(report.submitted_at),
                  "performer": [ref(self.patient_url)]}
        members = []
        for row in sorted(report.pain_rows.all(), key=lambda r: (r.activity, r.moment)):
            url = full_url(*base, "pain", row.activity, row.moment)
            members.append(url)
            yield url, reported_pain_observation(common, row)
        for row in report.psfs_rows.all():
            url = full_url(*base, "psfs", row.position)
            members.append(url)
            yield url, psfs_observation(common, row)
        derived = []
        if report.pgq_items is not None:
            response_url = full_url(*base, "pgq")
            derived = [response_url]
            yield response_url, reported_questionnaire_response(report, self.patient_url)
            url = full_url(*base, "pgq", "score")
            members.append(url)
            yield url, pgq_observation(common, report, response_url, reported=True)
        panel = observation(common, concept(MEASURE, "patient-report", _("Answers she sent")),
                            category=reported_categories(),
                            note=[{"text": report.hardest}] if report.hardest else None)
        for name, urls in (("hasMember", members), ("derivedFrom", derived)):
            if urls:  # FHIR JSON has no empty lists
                panel[name] = [ref(url) for url in urls]
        yield full_url(*base), panel

    def encounter(self, visit):
        resource = {
            "resourceType": "Encounter",
            "status": "finished",
            "class": coding(ACT_CODE, "AMB", "ambulatory"),
            "type": [concept(CONSULTATION_KIND, visit.kind, visit.get_kind_display())],
            "subject": ref(self.patient_url),
            "episodeOfCare": [ref(self.episode_url)],
            "participant": [{"individual": {"display": str(visit.clinician)}}],
            "period": {"start": instant(visit.seen_at)},
            "serviceProvider": self.organization(visit.clinic),
        }
        if self.assessed is not None:
            resource["diagnosis"] = [{"condition": ref(self.condition_url)}]
        return resource

    # --- Plan and referrals --------------------------------------------------------------------

    def care_plan(self, visit, previous, *, current):
        url = full_url("programme", visit.public_id)
        status = "in-progress" if current else "completed"
        resource = {
            "resourceType": "CarePlan",
            "status": "active" if current else "completed",
            "intent": "plan",
            "category": [concept(MEASURE, "home-programme", _("Home exercise programme"))],
            "title": _("Home exercise programme"),
            "subject": ref(self.patient_url),
            "encounter": ref(full_url("consultation", visit.public_id)),
            "created": instant(visit.seen_at),
            "author": {"display": str(visit.clinician)},
            "activity": [{"detail": programme_activity(item, status)}
                         for item in visit.programme_items.all()],
        }
        if self.assessed is not None:
            resource["addresses"] = [ref(self.condition_url)]
        if previous is not None:
            resource["replaces"] = [ref(full_url("programme", previous.public_id))]
        return url, resource

    def service_request(self, referral):
        resource = {
            "resourceType": "ServiceRequest",
            "status": "active" if referral.is_open else "completed",
            "intent": "order",
            "code": concept(MEASURE, "physiotherapy-referral",
                            _("Referral to a physiotherapy clinic")),
            "subject": ref(self.patient_url),
            "authoredOn": instant(referral.created_at),
            "requester": self.organization(referral.from_clinic),
            "performer": [self.organization(referral.to_clinic)],
        }
        if referral.reason:
            resource["reasonCode"] = [{"text": referral.reason}]
        if self.assessed is not None:
            resource["reasonReference"] = [ref(self.condition_url)]
        return full_url("referral", referral.public_id), resource

    def plans_other_referral(self, visit):
        """A referral her plan names that the app did not carry out: anywhere but to
        physiotherapy, or to physiotherapy while the episode has no referral of the app's."""
        if visit.referral in ("", catalogue.Referral.NONE):
            return False
        return visit.referral not in TO_PHYSIOTHERAPY or not self.episode.referrals

    def planned_referral(self, visit):
        """What the plan says (sent by the clinician outside the app): its state unknown here."""
        target = visit.referral
        label = catalogue.Referral(target).label if target in catalogue.Referral.values else target
        resource = {
            "resourceType": "ServiceRequest",
            "status": "unknown",
            "intent": "order",
            "code": concept(REFERRAL_TARGET, target, label),
            "subject": ref(self.patient_url),
            "encounter": ref(full_url("consultation", visit.public_id)),
            "authoredOn": instant(visit.seen_at),
            "requester": self.organization(visit.clinic),
        }
        if self.assessed is not None:
            resource["reasonReference"] = [ref(self.condition_url)]
        return full_url("planned-referral", visit.public_id), resource

    # --- Clinics -----------------------------------------------------------------------------

    def organization(self, clinic):
        """A reference to the clinic's Organization, which the Bundle then holds once."""
        self.clinics.setdefault(clinic.pk, clinic)
        return ref(full_url("clinic", clinic.public_id), clinic.name)

    def organizations(self):
        for clinic in self.clinics.values():
            resource = {"resourceType": "Organization", "active": True, "name": clinic.name,
                        "type": [{"text": str(clinic.get_kind_display())}]}
            if clinic.phone:
                resource["telecom"] = [{"system": "phone", "value": clinic.phone}]
            if clinic.address:
                resource["address"] = [{"text": clinic.address, "country": "DK"}]
            yield full_url("clinic", clinic.public_id), resource


def observation(common, code, *, category=None, note=None, **value):
    resource = {"resourceType": "Observation", "status": "final"}
    if category:
        resource["category"] = category
    resource.update(code=code, **common, **value)
    if note:
        resource["note"] = note
    return resource


def pain_observation(common, score):
    """The score on the scale it was taken on (never converted); its context as our code."""
    scale = catalogue.PainScale(score.scale)
    unit = {"unit": "mm", "system": UCUM, "code": "mm"} if scale == catalogue.PainScale.VAS \
        else {"unit": "{score}", "system": UCUM, "code": "{score}"}
    resource = observation(common, concept(LOINC, LOINC_PAIN[scale], text=scale.label),
                           category=categories("survey"),
                           valueQuantity={"value": score.value, **unit})
    resource["extension"] = [{
        "url": PAIN_CONTEXT_EXTENSION,
        "valueCodeableConcept": concept(PAIN_CONTEXT, score.context,
                                        score.get_context_display()),
    }]
    return resource


def reported_pain_observation(common, row):
    """An NRS value she gave (never VAS): the moment as a Pain context code, the activity as
    our Pain activity code, each in its extension."""
    resource = observation(
        common, concept(LOINC, LOINC_PAIN[catalogue.PainScale.NRS],
                        text=catalogue.PainScale.NRS.label),
        category=reported_categories(),
        valueQuantity={"value": row.value, "unit": "{score}", "system": UCUM, "code": "{score}"})
    resource["extension"] = [
        {"url": PAIN_CONTEXT_EXTENSION,
         "valueCodeableConcept": concept(PAIN_CONTEXT, row.moment, PainMoment(row.moment).label)},
        {"url": PAIN_ACTIVITY_EXTENSION,
         "valueCodeableConcept": concept(PAIN_ACTIVITY, row.activity,
                                         PainActivity(row.activity).label)},
    ]
    return resource


def psfs_observation(common, row):
    """A Patient-Specific Functional Scale activity: her score 0-10, and the activity in her
    own words as a component (her words, not a code)."""
    resource = observation(
        common, concept(MEASURE, "psfs", _("Patient-Specific Functional Scale")),
        category=reported_categories(), valueInteger=row.score)
    resource["component"] = [{"code": concept(MEASURE, "psfs-activity", _("Activity she named")),
                              "valueString": row.activity}]
    return resource


def pelvic_test_observation(common, row):
    """A pelvic test on one side: the side in bodySite, the result as our code."""
    value = ({"valueCodeableConcept": concept(TEST_RESULT, row.result, row.get_result_display())}
             if row.result else {"dataAbsentReason": absent("unknown")})
    return observation(common, concept(PELVIC_TEST, row.test, row.get_test_display()),
                       category=categories("exam"), bodySite=side_site(row.side), **value)


def aslr_observation(common, row):
    """ASLR on one side, 0-5; with pelvic compression as a component when it was tried."""
    value = ({"valueInteger": row.aslr_score} if row.aslr_score is not None
             else {"dataAbsentReason": absent("not-performed")})
    resource = observation(common, concept(PELVIC_TEST, row.test, row.get_test_display()),
                           category=categories("exam"), bodySite=side_site(row.side), **value)
    if row.aslr_compression_score is not None:
        resource["component"] = [{
            "code": concept(MEASURE, "aslr-with-compression", _("with compression")),
            "valueInteger": row.aslr_compression_score,
        }]
    return resource


def red_flag_observation(common, answer):
    resource = observation(
        common, concept(RED_FLAG, answer.flag, answer.get_flag_display()),
        category=categories("survey"),
        valueCodeableConcept=concept(RED_FLAG_STATUS, answer.status, answer.get_status_display()))
    if answer.action_taken.strip():
        resource["note"] = [{"text": answer.action_taken}]
    return resource


def programme_activity(item, status):
    """One exercise of her programme with its dosage: times a day as timing, sets,
    repetitions and hold as our extensions, and the dosage in words."""
    dosage = {"sets": item.sets, "repetitions": item.reps, "hold-seconds": item.hold_seconds}
    words = item.dosage_text() + (f" ({item.note})" if item.note else "")
    return {
        "extension": [{"url": DOSAGE_EXTENSION[name], "valueInteger": value}
                      for name, value in dosage.items() if value is not None],
        "code": concept(EXERCISE, item.exercise.slug, item.exercise.text("title")),
        "status": status,
        "scheduledTiming": {"repeat": {"frequency": item.times_per_day, "period": 1,
                                       "periodUnit": "d"}},
        "description": words,
    }


# --- The PGQ ------------------------------------------------------------------------------


def pgq_questionnaire():
    """Our canonical PGQ: items by number only (the published wording is licensed text)."""
    return {
        "resourceType": "Questionnaire",
        "url": PGQ_QUESTIONNAIRE,
        "name": "PGQ",
        "title": "Pelvic Girdle Questionnaire (item numbers only)",
        "status": "active",
        "subjectType": ["Patient"],
        "item": [{"linkId": str(number), "prefix": str(number), "type": "integer"}
                 for number in ALL_ITEMS],
    }


def pgq_items(items):
    """One item per PGQ item number, answered where she answered it ({"1": 0-3, ...})."""
    found = []
    for number in ALL_ITEMS:
        item = {"linkId": str(number)}
        value = items.get(str(number))
        if value is not None:
            item["answer"] = [{"valueInteger": value}]
        found.append(item)
    return found


def questionnaire_response(response, *, patient_url, encounter_url):
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": PGQ_QUESTIONNAIRE,
        "status": "completed",
        "subject": ref(patient_url),
        "encounter": ref(encounter_url),
        "authored": response.filled_on.isoformat(),
        "author": {"display": str(response.recorded_by)},
        "item": pgq_items(response.items),
    }


def reported_questionnaire_response(report, patient_url):
    """Her PGQ from home: she is its author and its source."""
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": PGQ_QUESTIONNAIRE,
        "status": "completed",
        "subject": ref(patient_url),
        "authored": instant(report.submitted_at),
        "author": ref(patient_url),
        "source": ref(patient_url),
        "item": pgq_items(report.pgq_items),
    }


def pgq_observation(common, response, response_url, *, reported=False):
    """The scored PGQ, derived from her answers: total, activity and symptom in per cent.
    `response` is a clinician-entered QuestionnaireResponse or, reported, her PatientReport."""
    prefix = "pgq_" if reported else ""
    def percent(value):
        if value is None:
            return {"dataAbsentReason": absent("unknown")}
        return {"valueQuantity": {"value": float(value), "unit": "%", "system": UCUM,
                                  "code": "%"}}

    def score(name):
        return percent(getattr(response, prefix + name))

    resource = observation(
        common, concept(MEASURE, "pgq-total", _("PGQ total")),
        category=reported_categories() if reported else categories("survey"),
        derivedFrom=[ref(response_url)], **score("total"))
    resource["component"] = [
        {"code": concept(MEASURE, "pgq-activity", _("PGQ activity")), **score("activity")},
        {"code": concept(MEASURE, "pgq-symptom", _("PGQ symptoms")), **score("symptom")},
    ]
    return resource
