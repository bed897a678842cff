"""Gestational age and time since birth, by day arithmetic (clinical-brief §6).

Day 0 (0+0) is the due date minus 280 days; 32+2 means 32 completed weeks and 2 days.
"""

import datetime
from dataclasses import dataclass

TERM_DAYS = 280
MAX_ONGOING_DAYS = 308  # 44+0: past this a delivery date is expected
WARN_BELOW_DAYS = 6 * 7  # warn outside 6+0 … 42+0
WARN_ABOVE_DAYS = 42 * 7
BIRTH_FROM_DAYS = 22 * 7  # in Denmark a birth is counted from 22+0
# Trimester boundaries (first to 13+6, second to 27+6, third from 28+0); sources vary.
TRIMESTER_STARTS = (0, 14 * 7, 28 * 7)

# Outer limits of the dates in her record (docs/clinical-rules.md, D1). The brief's rules
# (§10.2) tie each date to the pregnancy; these also keep a mistyped year out of an episode
# that has ended, and every stored gestational or postpartum day count in range.
MAX_PATIENT_AGE_YEARS = 100  # her birth date (from the CPR number) at most this long ago
MAX_YEARS_AFTER_BIRTH = 20  # a delivery at most this long ago; a visit this long after it
MAX_LMP_EDD_GAP_DAYS = 8 * 7  # LMP + 280 days and the (scan-corrected) due date
MAX_ONSET_YEARS = 20  # her pain began at most this long before the visit
MAX_FOLLOW_UP_DAYS = 366  # the planned follow-up within a year of the visit


def edd_from_lmp(lmp: datetime.date) -> datetime.date:
    """Due date from the first day of the last period: LMP + 280 days (not Naegele's months)."""
    return lmp + datetime.timedelta(days=TERM_DAYS)


def ga_days(edd: datetime.date, on: datetime.date) -> int:
    """Gestational age in days on a date; may be negative or past term, the caller decides."""
    return TERM_DAYS - (edd - on).days


def format_ga(days: int) -> str:
    """Danish notation W+D, e.g. 226 → "32+2"."""
    if days < 0:
        raise ValueError("gestational age cannot be negative")
    weeks, rest = divmod(days, 7)
    return f"{weeks}+{rest}"


def parse_ga(text: str) -> int:
    """"32+2" → 226 days; ValueError for anything else."""
    weeks, sep, rest = text.strip().partition("+")
    if not sep or not weeks.isdigit() or not rest.isdigit() or int(rest) > 6:
        raise ValueError(f"not a gestational age in W+D form: {text!r}")
    return int(weeks) * 7 + int(rest)


def trimester(days: int) -> int:
    """1, 2 or 3 for a gestational age in days."""
    return 1 + sum(days >= start for start in TRIMESTER_STARTS[1:])


@dataclass(frozen=True)
class PregnancyStage:
    """Where a woman is on a given date: pregnant (with GA) or after the birth."""

    kind: str  # "pregnant", "postpartum", "before_pregnancy", "overdue"
    ga_days: int | None = None
    postpartum_days: int | None = None

    @property
    def ga(self) -> str | None:
        return format_ga(self.ga_days) if self.ga_days is not None and self.ga_days >= 0 else None

    @property
    def postpartum_weeks(self) -> int | None:
        return None if self.postpartum_days is None else self.postpartum_days // 7


def stage_on(
    *, edd: datetime.date, delivery_date: datetime.date | None, on: datetime.date
) -> PregnancyStage:
    """The stage of a pregnancy episode on a date."""
    if delivery_date is not None and on >= delivery_date:
        return PregnancyStage("postpartum", postpartum_days=(on - delivery_date).days)
    days = ga_days(edd, on)
    if days < 0:
        return PregnancyStage("before_pregnancy", ga_days=days)
    if days > MAX_ONGOING_DAYS:
        return PregnancyStage("overdue", ga_days=days)
    return PregnancyStage("pregnant", ga_days=days)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def visit_problem(
    *, edd: datetime.date, delivery_date: datetime.date | None, on: datetime.date
) -> str | None:
    """Why a visit on this day cannot belong to the episode, or None: "before_pregnancy"
    (before 0+0), "past_term_limit" (past 44+0 with no delivery date) or "long_after_birth"
    (more than MAX_YEARS_AFTER_BIRTH after the delivery). Plain day counts: never overflows,
    whatever the stored dates."""
    if delivery_date is not None and on >= delivery_date:
        after_birth = (on - delivery_date).days
        return "long_after_birth" if after_birth > MAX_YEARS_AFTER_BIRTH * 365.25 else None
    days = ga_days(edd, on)
    if days < 0:
        return "before_pregnancy"
    if days > MAX_ONGOING_DAYS:
        return "past_term_limit"
    return None
