"""P1: has pain got worse since the answers she sent before? A pure function, values in, values
out; the thresholds are those of the progress page (R6 for NRS, R11 for the PGQ) and the rule
is written out in docs/clinical-rules.md (P1)."""

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
