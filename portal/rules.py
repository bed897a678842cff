"""P1: are her answers from home worse than her last clinician-recorded values? Pure functions,
values in, values out; the thresholds are those of the progress page (R6 for NRS, R11 for the
PGQ) and the rule is written out in docs/clinical-rules.md (P1). report_worsened compares two
sets of her own kind of values; worsened_since_visit first turns the clinician's values into
that kind (visit_baseline) and is what submit() uses."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from assessments.rules import pain_change
from assessments.scoring import PgqScore, pgq_changes

SOURCE = "docs/clinical-rules.md P1 (thresholds of R6 and R11)"


@dataclass(frozen=True)
class Worsening:
    """Whether her answers show an important worsening, and which values did."""

    worsened: bool
    pain: tuple = field(default_factory=tuple)  # ((activity, moment, before, after), ...)
    pgq: tuple = field(default_factory=tuple)  # ((subscale, before, after), ...)
    rule_id: str = "P1"
    source: str = SOURCE


def report_worsened(
    *,
    previous_pain: Mapping[tuple[str, str], int],
    pain: Mapping[tuple[str, str], int],
    previous_pgq: PgqScore | None = None,
    pgq: PgqScore | None = None,
) -> Worsening:
    """P1: worse when an NRS value of the same activity and moment rose by an important amount
    (R6), or a PGQ (sub)score rose by at least the smaller published MIC (R11, Ceprnja 2019)."""
    pain_worse = tuple(
        (activity, moment, previous_pain[key], value)
        for key in sorted(set(previous_pain) & set(pain))
        for activity, moment in [key]
        for value in [pain[key]]
        if pain_change("nrs", previous_pain[key], value).worsening
    )
    pgq_worse = ()
    if previous_pgq is not None and pgq is not None and previous_pgq.version == pgq.version:
        pgq_worse = tuple((change.subscale, change.before, change.after)
                          for change in pgq_changes(previous_pgq, pgq)
                          if change.direction == "worse" and change.important_ceprnja)
    return Worsening(worsened=bool(pain_worse or pgq_worse), pain=pain_worse, pgq=pgq_worse)


def visit_baseline(
    recorded_pain: Mapping[tuple[str, str], int], activities: list[str] | tuple[str, ...] | set[str],
) -> dict[tuple[str, str], int]:
    """What each of her answers is compared with: the clinician's NRS value of the same moment
    (context "now" or "worst in the last week") at her last visit, for every activity she was
    asked about. A VAS value is never converted into NRS, so a context recorded only in VAS
    has no baseline; nor has a context her link does not ask about."""
    moments = {"now", "worst_week"}  # the PainMoment codes, which are PainContext codes
    return {
        (activity, context): value
        for (scale, context), value in recorded_pain.items()
        if scale == "nrs" and context in moments
        for activity in sorted(set(activities))
    }


def worsened_since_visit(
    *,
    recorded_pain: Mapping[tuple[str, str], int],
    pain: Mapping[tuple[str, str], int],
    recorded_pgq: PgqScore | None = None,
    pgq: PgqScore | None = None,
) -> Worsening:
    """P1 as used: her answers against her last clinician-recorded values. recorded_pain is
    {(scale, context): value} of that visit, pain {(activity, moment): NRS} of her answers;
    recorded_pgq the PGQ last entered by a clinician in the episode."""
    baseline = visit_baseline(recorded_pain, {activity for activity, _moment in pain})
    return report_worsened(previous_pain=baseline, pain=pain, previous_pgq=recorded_pgq, pgq=pgq)
