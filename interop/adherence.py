"""Guideline adherence of a clinic's first consultations: pure functions, values in, values out.

The criteria, their definitions and sources are in docs/clinical-rules.md, A1. `visits_from`
turns consultations with their prefetched parts into plain `Visit` values; `adherence_report`
computes every figure from them without the database. Each figure keeps the visits behind it,
so the report can link to them.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from assessments import rules, scoring
from assessments.catalogue import (
    ANTERIOR_PELVIC_REGIONS,
    RED_FLAGS,
    SYMPHYSIS_TESTS,
    PainContext,
    PainScale,
    PelvicTest,
    RedFlagStatus,
    Side,
    TestResult,
)

FOLLOW_UP_DAYS = 28  # "within 4 weeks"
FIRST = "first"  # Consultation.Kind.FIRST (kept as a value: no ORM import here)

# The adherence criteria in the order the report shows them (docs/clinical-rules.md A1.1-A1.7).
CRITERIA = ("p4_aslr", "symphysis", "red_flags", "education", "programme", "follow_up", "pgq")


@dataclass(frozen=True)
class ExamRow:
    test: str
    side: str
    result: str  # "" when not recorded
    aslr_score: int | None = None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one value per visit
class Visit:
    """One signed consultation as the report reads it. `ref` is the caller's object (the
    consultation), carried along for the drill-down list and never read here."""

    key: str
    episode: object  # the pregnancy (episode) it belongs to, within the clinic
    kind: str
    seen_at: datetime.datetime
    clinician_id: int
    seen_on: datetime.date | None = None  # her local day of the visit (seen_at's date if None)
    pain_regions: frozenset = frozenset()
    tests: tuple = ()  # ExamRow
    red_flags: dict = field(default_factory=dict)  # flag -> (status, action_taken)
    education: bool = False
    programme: bool = False
    pgq: tuple = ()  # PgqScore, in the order filled in
    pain: tuple = ()  # (scale, context, value), in the order recorded
    ref: object = None


@dataclass(frozen=True)
class Figure:
    """A share: the visits that meet the criterion out of those it applies to."""

    key: str
    met: tuple  # Visit (first consultations)
    eligible: tuple

    @property
    def numerator(self) -> int:
        return len(self.met)

    @property
    def denominator(self) -> int:
        return len(self.eligible)

    @property
    def share(self) -> float | None:
        """0-1, or None when the criterion applies to no consultation."""
        return self.numerator / self.denominator if self.eligible else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(100 * self.share)

    def meets(self, visit: Visit) -> bool:
        return visit in self.met


@dataclass(frozen=True)
class Change:
    """One episode's change on one measure: its first visit, the visit compared, the values."""

    first: Visit
    last: Visit
    before: float
    after: float
    important: bool  # an important improvement by the threshold used

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Outcome:
    """The change between first and last visit on one measure (one pain scale and context,
    or the PGQ total), its median and the share with an important improvement."""

    key: str
    scale: str  # "nrs", "vas" or "pgq"
    context: str  # the pain context; "" for the PGQ
    changes: tuple  # Change
    important: Figure

    @property
    def median(self) -> float | None:
        return statistics.median(c.change for c in self.changes) if self.changes else None

    @property
    def count(self) -> int:
        return len(self.changes)


@dataclass(frozen=True)
class Report:
    firsts: tuple  # the first consultations in the period (the population)
    figures: dict  # key -> Figure, in CRITERIA order
    pain: tuple  # Outcome per pain scale and context measured at first and last visit
    pgq: Outcome
    pgq_stuge: Figure  # the PGQ changes against the other published MIC
    today: datetime.date

    def figure(self, key):
        """The Figure behind a drill-down key (a criterion or an outcome's important share)."""
        if key in self.figures:
            return self.figures[key]
        if key == self.pgq_stuge.key:
            return self.pgq_stuge
        for outcome in (*self.pain, self.pgq):
            if key == outcome.important.key:
                return outcome.important
        raise KeyError(key)

    def outcome(self, key):
        for outcome in (*self.pain, self.pgq):
            if key == outcome.key:
                return outcome
        raise KeyError(key)


# Building the values ------------------------------------------------------------------------


def visits_from(consultations: Iterable) -> list[Visit]:
    """Visit values from signed consultations with test_results, red_flag_answers,
    programme_items, questionnaires and pain_scores prefetched (no query per row)."""
    return [
        Visit(
            key=str(c.public_id), episode=c.pregnancy_id, kind=c.kind, seen_at=c.seen_at,
            seen_on=timezone.localtime(c.seen_at).date(),
            clinician_id=c.clinician_id, pain_regions=frozenset(c.pain_regions or ()),
            tests=tuple(ExamRow(r.test, r.side, r.result, r.aslr_score)
                        for r in c.test_results.all()),
            red_flags={a.flag: (a.status, a.action_taken) for a in c.red_flag_answers.all()},
            education=bool(c.education_given),
            programme=bool(c.programme_items.all()),
            pgq=tuple(q.as_score() for q in sorted(c.questionnaires.all(),
                                                   key=lambda q: (q.filled_on, q.pk))),
            pain=tuple((s.scale, s.context, s.value) for s in c.pain_scores.all()),
            ref=c,
        )
        for c in consultations
    ]


def episodes(visits: Iterable[Visit]) -> dict:
    """First consultation -> the visits of its episode (itself first, then the later ones of
    the same pregnancy in the clinic, up to the next first consultation)."""
    by_pregnancy = defaultdict(list)
    for visit in visits:
        by_pregnancy[visit.episode].append(visit)
    result = {}
    for group in by_pregnancy.values():
        current = None
        for visit in sorted(group, key=lambda v: (v.seen_at, v.key)):
            if visit.kind == FIRST:
                current = result.setdefault(visit, [visit])
            elif current is not None:
                current.append(visit)
    return result


# The criteria (docs/clinical-rules.md A1) --------------------------------------------------


def _recorded(row: ExamRow) -> bool:
    if row.test == PelvicTest.ASLR:
        return row.aslr_score is not None
    return row.result not in ("", TestResult.NOT_PERFORMED)


def p4_and_aslr_both_sides(visit: Visit) -> bool:
    """A1.1: P4 with a result and ASLR scored, each on the left and the right."""
    done = {(row.test, row.side) for row in visit.tests if _recorded(row)}
    return all((test, side) in done for test in (PelvicTest.P4, PelvicTest.ASLR)
               for side in (Side.LEFT, Side.RIGHT))


def anterior_pain(visit: Visit) -> bool:
    return bool(visit.pain_regions & ANTERIOR_PELVIC_REGIONS)


def symphysis_tested(visit: Visit) -> bool:
    """A1.2: symphysis palpation or the modified Trendelenburg test with a result."""
    return any(row.test in SYMPHYSIS_TESTS and _recorded(row) for row in visit.tests)


def red_flag_screen_complete(visit: Visit) -> bool:
    """A1.3: every red-flag item of the catalogue answered (absent or present), and each
    present one with its action recorded."""
    for flag in RED_FLAGS:
        status, action = visit.red_flags.get(flag, (RedFlagStatus.NOT_ASKED, ""))
        if status == RedFlagStatus.NOT_ASKED:
            return False
        if status == RedFlagStatus.PRESENT and not action.strip():
            return False
    return True


def day_of(visit: Visit) -> datetime.date:
    return visit.seen_on or visit.seen_at.date()


def followed_up_within(first: Visit, later: Sequence[Visit], days: int = FOLLOW_UP_DAYS) -> bool:
    """A1.6: a later signed consultation of the episode within `days` days of the first."""
    limit = first.seen_at + datetime.timedelta(days=days)
    return any(first.seen_at < visit.seen_at <= limit for visit in later)


def follow_up_due(first: Visit, today: datetime.date, days: int = FOLLOW_UP_DAYS) -> bool:
    """Her four weeks are over (by today): only then can a missing follow-up count."""
    return day_of(first) + datetime.timedelta(days=days) < today


def _figure(key, eligible, test):
    eligible = tuple(eligible)
    return Figure(key=key, met=tuple(v for v in eligible if test(v)), eligible=eligible)


def _criteria(firsts, episode_of, today):
    has_later = [v for v in firsts if len(episode_of[v]) > 1]

    def followed(visit):
        return followed_up_within(visit, episode_of[visit][1:])

    def pgq_first_and_last(visit):
        return bool(visit.pgq) and bool(episode_of[visit][-1].pgq)

    return {
        "p4_aslr": _figure("p4_aslr", firsts, p4_and_aslr_both_sides),
        "symphysis": _figure("symphysis", [v for v in firsts if anterior_pain(v)],
                             symphysis_tested),
        "red_flags": _figure("red_flags", firsts, red_flag_screen_complete),
        "education": _figure("education", firsts, lambda v: v.education),
        "programme": _figure("programme", firsts, lambda v: v.programme),
        "follow_up": _figure("follow_up", [v for v in firsts
                                           if follow_up_due(v, today) or followed(v)], followed),
        "pgq": _figure("pgq", has_later, pgq_first_and_last),
    }


# Outcomes ----------------------------------------------------------------------------------


def _first_score(visit, scale, context):
    return next((value for s, c, value in visit.pain if (s, c) == (scale, context)), None)


def pain_outcomes(firsts, episode_of) -> tuple[Outcome, ...]:
    """Per pain scale and context: each episode whose first visit and a later visit scored it
    (the latest such visit is compared; scales are never converted). Important improvement:
    rules.pain_change (R6), as on the progress page."""
    changes = defaultdict(list)
    for first in firsts:
        for scale, context in dict.fromkeys((s, c) for s, c, _value in first.pain):
            before = _first_score(first, scale, context)  # of two alike at a visit, the first
            later = [v for v in episode_of[first][1:]
                     if _first_score(v, scale, context) is not None]
            if later:
                last = later[-1]
                after = _first_score(last, scale, context)
                important = rules.pain_change(scale, before, after).clinically_important
                changes[(scale, context)].append(Change(first, last, before, after, important))
    ordered = sorted(changes, key=lambda k: (list(PainScale).index(PainScale(k[0])),
                                             list(PainContext).index(PainContext(k[1]))))
    return tuple(_outcome(f"pain_{scale}_{context}", scale, context,
                          tuple(changes[(scale, context)])) for scale, context in ordered)


def pgq_outcome(firsts, episode_of) -> Outcome:
    """PGQ total: the first PGQ of the first visit against the latest of the episode's last
    visit with one. Important improvement: a fall by at least the Ceprnja 2019 MIC (R11), the
    one the progress page marks; pgq_important_stuge gives the other set."""
    changes = []
    for first in firsts:
        before = next((s.total for s in first.pgq if s.total is not None), None)
        later = [v for v in episode_of[first][1:] if any(s.total is not None for s in v.pgq)]
        if before is None or not later:
            continue
        last = later[-1]
        after = [s.total for s in last.pgq if s.total is not None][-1]
        change = scoring.pgq_change("total", before, after)
        important = change.direction == "better" and change.important_ceprnja
        changes.append(Change(first, last, before, after, important))
    return _outcome("pgq_total", "pgq", "", tuple(changes))


def pgq_important_stuge(outcome: Outcome) -> Figure:
    """The same PGQ changes against the Stuge 2017 MIC (25 points)."""
    met = tuple(c.first for c in outcome.changes
                if c.change < 0 and abs(c.change) >= float(scoring.MIC_STUGE_2017["total"]))
    return Figure(key="pgq_total_important_stuge", met=met,
                  eligible=tuple(c.first for c in outcome.changes))


def _outcome(key, scale, context, changes):
    important = Figure(key=f"{key}_important", met=tuple(c.first for c in changes if c.important),
                       eligible=tuple(c.first for c in changes))
    return Outcome(key=key, scale=scale, context=context, changes=changes, important=important)


# The report ---------------------------------------------------------------------------------


def adherence_report(visits: Iterable[Visit], *, start: datetime.date, end: datetime.date,
                     today: datetime.date, clinician_id: int | None = None) -> Report:
    """The figures for the first consultations seen from `start` to `end` (local days, both
    included), optionally by one clinician. `visits` holds every signed consultation of the
    clinic in the episodes concerned."""
    episode_of = episodes(visits)
    firsts = tuple(sorted(
        (v for v in episode_of
         if start <= day_of(v) <= end
         and (clinician_id is None or v.clinician_id == clinician_id)),
        key=lambda v: (v.seen_at, v.key)))
    pgq = pgq_outcome(firsts, episode_of)
    return Report(firsts=firsts, figures=_criteria(firsts, episode_of, today),
                  pain=pain_outcomes(firsts, episode_of), pgq=pgq,
                  pgq_stuge=pgq_important_stuge(pgq), today=today)
