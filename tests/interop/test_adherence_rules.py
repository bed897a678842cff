"""The adherence criteria as pure functions (interop/adherence.py; docs/clinical-rules.md A1):
their edges, without the database."""

import datetime

import pytest

from assessments import scoring
from assessments.catalogue import RED_FLAGS
from interop import adherence
from interop.adherence import ExamRow, Visit

T0 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
ALL_ABSENT = {flag: ("absent", "") for flag in RED_FLAGS}


def visit(days=0, *, kind="first", episode=1, key=None, **fields):
    return Visit(key=key or f"{episode}-{days}-{kind}", episode=episode, kind=kind,
                 seen_at=T0 + datetime.timedelta(days=days), clinician_id=1, **fields)


def report(visits, today=datetime.date(2026, 12, 1)):
    return adherence.adherence_report(visits, start=datetime.date(2026, 1, 1),
                                      end=datetime.date(2026, 12, 31), today=today)


@pytest.mark.parametrize("rows, expected", [
    ([("p4", "left", "negative", None), ("p4", "right", "positive_familiar", None),
      ("aslr", "left", "", 0), ("aslr", "right", "", 5)], True),
    ([("p4", "left", "negative", None), ("p4", "right", "not_performed", None),
      ("aslr", "left", "", 0), ("aslr", "right", "", 1)], False),
    ([("p4", "left", "negative", None), ("p4", "right", "", None),
      ("aslr", "left", "", 0), ("aslr", "right", "", 1)], False),
    ([("p4", "left", "negative", None), ("p4", "right", "negative", None),
      ("aslr", "left", "", 0), ("aslr", "right", "", None)], False),
    ([("p4", "left", "negative", None), ("p4", "right", "negative", None),
      ("aslr", "left", "", 2)], False),
])
def test_p4_and_aslr_need_a_result_on_each_side(rows, expected):
    tests = tuple(ExamRow(*row) for row in rows)
    assert adherence.p4_and_aslr_both_sides(visit(tests=tests)) is expected


def test_symphysis_criterion_applies_only_to_anterior_pain_and_counts_tenderness_as_tested():
    tested = visit(episode=1, pain_regions=frozenset({"symphysis"}),
                   tests=(ExamRow("symphysis_palpation", "midline", "tenderness_only"),))
    untested = visit(episode=2, pain_regions=frozenset({"symphysis"}),
                     tests=(ExamRow("symphysis_palpation", "midline", "not_performed"),))
    posterior = visit(episode=3, pain_regions=frozenset({"sij_left"}))
    figure = report([tested, untested, posterior]).figures["symphysis"]
    assert figure.eligible == (tested, untested) and figure.met == (tested,)


def test_red_flag_screen_needs_every_item_answered_and_each_present_one_acted_on():
    assert adherence.red_flag_screen_complete(visit(red_flags=ALL_ABSENT))
    missing = dict(ALL_ABSENT)
    missing.pop("trauma")
    assert not adherence.red_flag_screen_complete(visit(red_flags=missing))
    not_asked = {**ALL_ABSENT, "malignancy": ("not_asked", "")}
    assert not adherence.red_flag_screen_complete(visit(red_flags=not_asked))
    acted = {**ALL_ABSENT, "trauma": ("present", "Sent to A&E")}
    assert adherence.red_flag_screen_complete(visit(red_flags=acted))
    blank = {**ALL_ABSENT, "trauma": ("present", "  ")}
    assert not adherence.red_flag_screen_complete(visit(red_flags=blank))


@pytest.mark.parametrize("days, met", [(28, True), (29, False), (1, True)])
def test_follow_up_within_28_days_counts_day_28(days, met):
    first, later = visit(0), visit(days, kind="follow_up")
    assert report([first, later]).figures["follow_up"].met == ((first,) if met else ())


def test_follow_up_is_not_due_until_28_days_have_passed():
    first = visit(0)
    assert report([first], today=datetime.date(2026, 3, 30)).figures["follow_up"].eligible == ()
    due = report([first], today=datetime.date(2026, 3, 31))
    assert due.figures["follow_up"].eligible == (first,)


def test_an_episode_ends_at_the_next_first_consultation_of_the_same_pregnancy():
    first, follow, second_first = visit(0), visit(10, kind="follow_up"), visit(60)
    episodes = adherence.episodes([second_first, follow, first])
    assert episodes == {first: [first, follow], second_first: [second_first]}


def test_a_follow_up_without_a_first_consultation_starts_no_episode():
    assert adherence.episodes([visit(5, kind="follow_up")]) == {}


def test_pain_is_compared_per_scale_and_context_never_converted():
    first = visit(0, pain=(("nrs", "worst_week", 8), ("vas", "now", 80), ("nrs", "worst_week", 9)))
    middle = visit(10, kind="follow_up", pain=(("nrs", "worst_week", 7),))
    last = visit(30, kind="follow_up", pain=(("vas", "now", 70), ("nrs", "at_rest", 2)))
    outcomes = {o.key: o for o in report([first, middle, last]).pain}
    assert set(outcomes) == {"pain_nrs_worst_week", "pain_vas_now"}  # at rest: never at first
    nrs = outcomes["pain_nrs_worst_week"]
    assert [(c.before, c.after, c.last) for c in nrs.changes] == [(8, 7, middle)]
    assert nrs.important.met == ()  # 8 -> 7: one point, 12.5 %
    vas = outcomes["pain_vas_now"]
    assert [(c.before, c.after) for c in vas.changes] == [(80, 70)]


def test_median_of_an_even_number_of_changes_is_their_mean():
    visits = []
    for episode, after in enumerate((8, 6, 5, 2)):
        visits += [visit(0, episode=episode, pain=(("nrs", "now", 8),)),
                   visit(7, episode=episode, kind="follow_up", pain=(("nrs", "now", after),))]
    outcome = report(visits).pain[0]
    assert outcome.median == -2.5  # changes 0, -2, -3, -6
    assert outcome.important.numerator == 3


def test_pgq_change_needs_a_scored_pgq_at_first_and_a_later_visit():
    full = scoring.score_pgq(dict.fromkeys(scoring.ALL_ITEMS, 2))
    better = scoring.score_pgq({n: 1 if n <= 9 else 2 for n in scoring.ALL_ITEMS})
    first, later = visit(0, pgq=(full,)), visit(20, kind="follow_up", pgq=(better,))
    lone = visit(0, episode=2, pgq=(full,))
    result = report([first, later, lone])
    assert [(c.before, c.after) for c in result.pgq.changes] == [(full.total, better.total)]
    assert result.pgq.important.met == (first,)  # 12 points: past the Ceprnja MIC (11)
    assert result.pgq_stuge.met == ()  # not past 25
    assert result.figures["pgq"].eligible == (first,)  # the lone visit has no later one


def test_no_first_consultation_gives_empty_shares_not_zero():
    result = report([])
    assert all(f.share is None and f.percent is None for f in result.figures.values())
    assert result.pgq.median is None and result.pain == ()
