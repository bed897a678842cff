"""Queries built once per process (pgp_clinic/prepared.py, issue 12): a prepared query gives
exactly what its QuerySet gives, for any values, in the same queries; a value that would not
reach the SQL unchanged is refused when it is built."""

import pytest
from django.db.models import Q
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.access import VISIBLE_PATIENT
from consultations.models import Consultation, Patient, Referral
from consultations.pages import REFERRALS, REFERRAL_SHOWN, TIMELINE
from pgp_clinic.prepared import ALL, PreparedQuery
from tests.factories import make_consultation, make_patient, make_pregnancy, sign_visit


def _shown(visits):
    """Everything a row carries: its values, what was loaded with it, what was left out."""
    return [(visit.pk, {k: v for k, v in visit.__dict__.items()
                        if k not in ("_state", "_prefetched_objects_cache")},
             sorted(visit.get_deferred_fields()), visit.clinic.name, str(visit.clinician),
             [score.pk for score in visit.pain_scores.all()]) for visit in visits]


@pytest.fixture
def shared(patient, clinic, other_clinic, alice, bob):
    """Her record seen by two clinics: her own, with a draft and a signed visit, and a
    physiotherapy clinic she is referred to, with a signed visit of its own."""
    pregnancy = patient.pregnancies.get()
    Referral.objects.create(pregnancy=pregnancy, from_clinic=clinic, to_clinic=other_clinic,
                            created_by=alice)
    sign_visit(make_consultation(patient, pregnancy, alice), alice)
    sign_visit(make_consultation(patient, pregnancy, bob, clinic=other_clinic), bob)
    return patient


def test_her_timeline_prepared_is_her_timeline_queried_for_each_clinic(shared, clinic,
                                                                        other_clinic):
    for viewer in (clinic, other_clinic):
        queried = list(Consultation.objects.for_clinic(viewer).filter(patient=shared)
                       .for_timeline().with_red_flag_marks())
        prepared = TIMELINE[shared.clinic_id == viewer.pk].list(clinic=viewer.pk,
                                                               patient=shared.pk)
        assert _shown(prepared) == _shown(queried)
        assert len(prepared) == (3 if viewer == clinic else 2)  # not the owner's draft


def test_each_run_takes_its_own_values(shared, clinic, alice):
    other = make_patient(clinic, first_name="Mette", cpr="0101901234")
    visit = make_consultation(other, make_pregnancy(other), alice)
    mine = TIMELINE[True].list(clinic=clinic.pk, patient=other.pk)
    assert [row.pk for row in mine] == [visit.pk]
    assert len(TIMELINE[True].list(clinic=clinic.pk, patient=shared.pk)) == 3


def test_a_run_is_the_querysets_queries(shared, clinic):
    with CaptureQueriesContext(connection) as captured:
        TIMELINE[True].list(clinic=clinic.pk, patient=shared.pk)
    assert len(captured) == 2  # the visits, their pain scores (prefetched)


def test_her_referrals_prepared_are_her_referrals_queried(shared, clinic, other_clinic):
    for viewer in (clinic, other_clinic):
        queried = Referral.objects.filter(pregnancy__patient=shared).filter(
            to_clinic=viewer) | Referral.objects.filter(pregnancy__patient=shared,
                                                         from_clinic=viewer)
        queried = list(queried.with_first_visit().only(*REFERRAL_SHOWN)
                       .select_related("to_clinic", "from_clinic"))
        prepared = REFERRALS.list(clinic=viewer.pk, patient=shared.pk)
        assert [(r.pk, r.first_visit_at, r.from_clinic.name, r.to_clinic.name) for r in prepared] \
            == [(r.pk, r.first_visit_at, r.from_clinic.name, r.to_clinic.name) for r in queried]
        assert len(prepared) == 1 and prepared[0].first_visit_at is not None


def test_the_visible_patient_is_found_only_by_a_clinic_that_sees_her(patient, clinic, db):
    from tests.factories import make_clinic

    assert VISIBLE_PATIENT.first(clinic=clinic.pk, public_id=patient.public_id) == patient
    assert VISIBLE_PATIENT.first(clinic=clinic.pk, public_id=str(patient.public_id)) == patient
    stranger = make_clinic("Lægerne Andetsteds")
    assert VISIBLE_PATIENT.first(clinic=stranger.pk, public_id=patient.public_id) is None


def test_a_value_that_does_not_reach_the_sql_unchanged_is_queried_each_time(db, clinic):
    make_patient(clinic, last_name="Jensen")
    make_patient(clinic, last_name="Hansen", cpr="0101901234")
    by_name = PreparedQuery(lambda name: Patient.objects.filter(last_name__icontains=name),
                            name=str)
    assert not by_name.prepared and "name" in by_name.reason
    assert [p.last_name for p in by_name.list(name="jens")] == ["Jensen"]
    assert [p.last_name for p in by_name.list(name="hans")] == ["Hansen"]
    twice = PreparedQuery(lambda name: Patient.objects.filter(
        Q(last_name=name) | Q(first_name__icontains=name)), name=str)
    assert not twice.prepared  # once as it is, once wrapped: never half-prepared
    assert [p.last_name for p in twice.list(name="Hansen")] == ["Hansen"]


def test_every_prepared_query_of_the_app_is_prepared(db):
    import consultations.urls  # noqa: F401  (every view module, so every query, is loaded)
    import pgp_clinic.urls  # noqa: F401

    assert ALL
    for query in ALL:
        if query.build.__module__ != __name__ and "<locals>" not in query.build.__qualname__:
            assert query.prepared, (query.build.__qualname__, query.reason)


def test_one_consultation_with_its_parts_prepared_is_the_one_queried(shared, clinic, alice):
    from assessments.models import PainScore
    from consultations.access import VISIBLE_CONSULTATION, _with_people
    from consultations.models import Amendment

    visit = Consultation.objects.filter(patient=shared, status="signed", clinic=clinic).get()
    PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=4)
    Amendment.objects.create(consultation=visit, author=alice, reason="Tilføjelse", text="Mere")
    parts = ("test_results", "pain_scores", "red_flag_answers", "amendments",
             "programme_items", "handouts", "questionnaires")

    def everything(one):
        return ({k: v for k, v in one.__dict__.items() if not k.startswith("_")},
                one.patient.pk, one.clinician.pk, one.signed_by.pk,
                {part: [(row.pk, getattr(row, "consultation", None) is one)
                        for row in getattr(one, part).all()] for part in parts},
                [str(amendment.author) for amendment in one.amendments.all()])

    queried = Consultation.objects.for_clinic(clinic).select_related(
        "patient", "clinician", "signed_by").prefetch_related(*parts, "amendments__author").get(
        public_id=visit.public_id)
    with CaptureQueriesContext(connection) as captured:
        prepared = VISIBLE_CONSULTATION.first(clinic=clinic.pk, public_id=visit.public_id)
        _with_people(prepared)  # as get_consultation_for: her signer is her clinician
        shown = everything(prepared)
    assert len(captured) == 1 + 3  # the visit; its parts that it has (pain scores, red flags,
    # amendments with their authors joined), one query each, none for the four it has none of
    # (with_any), and none when read
    assert shown == everything(queried)
    assert shown[4]["pain_scores"] and shown[4]["amendments"] and shown[4]["red_flag_answers"]


def test_the_list_by_name_prepared_is_the_list_queried_on_every_page(clinic, other_clinic, alice):
    from consultations.views import PAGE_SIZE, ListPage, _by_name

    for number in range(PAGE_SIZE + 5):  # two pages; names that tie, a later pregnancy
        woman = make_patient(clinic, first_name=f"Anna{number % 3}", last_name=f"Berg{number % 7}",
                             cpr=f"0101{80 + number % 20:02d}{1000 + number}")
        make_pregnancy(woman, ga="20+0", delivery_date=None)
    pages, after = [], None
    while True:
        prepared = ListPage.by_name(clinic, after)
        queried = ListPage.of(_by_name(clinic), clinic, "name", after)
        shown = [(p.pk, [e.pk for e in p.pregnancies_newest_first]) for p in prepared.object_list]
        assert shown == [(p.pk, [e.pk for e in p.pregnancies_newest_first])
                         for p in queried.object_list]
        assert (prepared.count, prepared.has_next, prepared.next_after) == (
            queried.count, queried.has_next, queried.next_after)
        pages.append(shown)
        if not prepared.has_next:
            break
        after = prepared.next_after
    assert [len(page) for page in pages] == [PAGE_SIZE, 5]
    assert all(pregnancies for page in pages for _pk, pregnancies in page)


def test_who_signed_changed_or_handed_over_a_visit_is_read_in_one_query(shared, clinic, bob):
    from consultations.access import _with_people

    visit = Consultation.objects.filter(patient=shared, status="signed", clinic=clinic).get()
    Consultation.objects.filter(pk=visit.pk).update(updated_by=bob, taken_over_from=bob)
    visit = Consultation.objects.select_related("clinician").get(pk=visit.pk)
    with CaptureQueriesContext(connection) as captured:
        _with_people(visit)
        people = (visit.signed_by, visit.updated_by, visit.taken_over_from)
    assert len(captured) == 1
    assert people == (visit.clinician, bob, bob) and visit.signed_by is visit.clinician


def _everything(row, depth=0):
    """A row as a page reads it: its values, what was left out, the rows loaded with it
    (select_related, prefetched lists) in the same detail."""
    if isinstance(row, (list, tuple)):
        return [_everything(one, depth) for one in row]
    if not hasattr(row, "_state") or depth > 3:
        return row
    values = {name: (_everything(value, depth + 1) if isinstance(value, list) else value)
              for name, value in row.__dict__.items()
              if name not in ("_state", "_prefetched_objects_cache")}
    related = {name: _everything(one, depth + 1)
               for name, one in sorted(row._state.fields_cache.items())}
    return (type(row).__name__, row.pk, values, sorted(row.get_deferred_fields()), related)


def test_the_dashboards_cards_prepared_are_the_cards_queried(clinic, other_clinic, alice, bob):
    import datetime

    from django.utils import timezone

    from assessments.models import PainScore, RedFlagAnswer
    from consultations import pages, views
    from portal.models import PatientReport
    from tests.factories import make_questionnaire_link
    from tests.portal.test_clinician_views import answer, sign_with_pain

    today = timezone.localdate()
    for number in range(3):  # each on every card she can be on
        woman = make_patient(clinic, first_name=f"Kort{number}", cpr=f"0101{85 + number}1234")
        pregnancy = make_pregnancy(woman, ga="30+0")
        earlier = make_consultation(woman, pregnancy, alice,
                                    seen_at=timezone.now() - datetime.timedelta(days=6))
        PainScore.objects.create(consultation=earlier, scale="nrs", context="now", value=2)
        sign_visit(earlier, alice)
        draft = make_consultation(woman, pregnancy, alice)
        RedFlagAnswer.objects.create(consultation=draft, flag="ce_saddle_anaesthesia",
                                     status="present", action_taken="Henvist" * number)
        PainScore.objects.create(consultation=draft, scale="nrs", context="now", value=7)
        sign_visit(draft, alice) if number else None
        Referral.objects.create(pregnancy=pregnancy, from_clinic=clinic, to_clinic=other_clinic,
                                created_by=alice)
        link = make_questionnaire_link(pregnancy, alice, contexts=["walking"])
        sign_with_pain(make_consultation(woman, pregnancy, alice, follow_up_on=today
                                         + datetime.timedelta(days=number)),
                       alice, now=2, worst_week=3)
        answer(link, 9)
    assert PatientReport.objects.filter(worsened=True).count() == 3
    since = timezone.now() - pages.RED_FLAG_FOLLOW_UP
    midnight = timezone.make_aware(datetime.datetime.combine(today - pages.RECENT,
                                                             datetime.time()))
    runs = [
        (views.RECENTLY_SEEN, {"clinic": clinic.pk}),
        (pages.AWAITING, {"clinic": other_clinic.pk}),
        (pages.DUE, {"clinic": clinic.pk, "first": today, "last": today + pages.WEEK}),
        (pages.WORSE, {"clinic": clinic.pk, "since": midnight}),
        (pages.REPORTED_WORSE, {"clinic": clinic.pk}),
        (pages.DRAFTS, {"user": alice.pk, "clinic": clinic.pk}),
        (pages.RED_FLAGS, {"clinic": clinic.pk, "since": since}),
        (pages.SENT, {"clinic": clinic.pk}),
    ]
    for query, values in runs:
        assert query.prepared, query.reason
        queried = list(query.build(**values))
        assert queried, query.build.__qualname__  # each card has rows to compare
        assert _everything(query.list(**values)) == _everything(queried)
        assert query.list(**{**values, "clinic": bob.pk}) == []  # a clinic that sees none


def test_her_visits_parts_are_read_only_for_the_visits_that_have_some(shared, clinic, alice):
    from assessments.models import PelvicTestResult
    from consultations.progress_views import VISITS

    pregnancy = shared.pregnancies.get()
    visits = list(Consultation.objects.filter(patient=shared, clinic=clinic).order_by("pk"))
    PelvicTestResult.objects.create(consultation=visits[1], test="p4", side="left",
                                    result="positive_familiar")
    parts = ("pain_scores", "test_results", "questionnaires", "programme_items")

    def shown(rows):
        return sorted((row.pk, {part: [child.pk for child in getattr(row, part).all()]
                                for part in parts}) for row in rows)

    queried = Consultation.objects.of_patient_for(clinic, shared).filter(
        pregnancy=pregnancy).prefetch_related(*parts)
    with CaptureQueriesContext(connection) as captured:
        prepared = shown(VISITS[True].list(clinic=clinic.pk, patient=shared.pk,
                                           pregnancy=pregnancy.pk))
    assert prepared == shown(queried)
    assert [bool(rows["test_results"]) for _pk, rows in prepared] == [False, True, False]
    assert len(captured) == 3  # the visits, their pain scores, the one visit's test results
    PelvicTestResult.objects.all().delete()
    with CaptureQueriesContext(connection) as captured:
        VISITS[True].list(clinic=clinic.pk, patient=shared.pk, pregnancy=pregnancy.pk)
    assert len(captured) == 2  # no visit has tests, questionnaires or a programme: no query
