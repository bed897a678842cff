"""Pelvic Girdle Questionnaire (PGQ) scoring and change: pure functions, values in, values out.

No ORM and no request. Only item numbers and subscales live here, never the item wording (the
questionnaire is third-party text; see clinical brief §5.2 on permission). Decision tables and
sources: docs/clinical-rules.md, rules R10 (scoring) and R11 (change).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext


# Stored with every response, so a score can always be traced to the algorithm that made it.
PGQ_VERSION = "pgq-2011-percent-v1"

ACTIVITY_ITEMS = tuple(range(1, 21))
SYMPTOM_ITEMS = tuple(range(21, 26))
ALL_ITEMS = ACTIVITY_ITEMS + SYMPTOM_ITEMS
ITEM_VALUES = (0, 1, 2, 3)  # 0 "not at all" ... 3 "to a large extent"; None = missing / n.a.
ITEM_MAX = 3

# To be confirmed clinically: the brief marks the missing-item rule as not verified.
MIN_ANSWERED_SHARE = 0.8

SUBSCALES = ("total", "activity", "symptom")

SRC_PGQ = "Stuge B et al. The Pelvic Girdle Questionnaire. Phys Ther 2011;91:1096-108"
SRC_STUGE_2017 = "Stuge B, Jenssen HK, Grotle M. Phys Ther 2017;97:1103-13"
SRC_CEPRNJA_2019 = "Ceprnja D et al. Phys Ther 2019;99:1551-61"
SRC_PGQ_CHANGE = f"{SRC_STUGE_2017}; {SRC_CEPRNJA_2019}"

# Minimal important change, 0-100 points. Both sets are always shown; neither is "the" MIC.
# Stuge 2017 (last trimester -> up to 3 months postpartum): smaller changes "should be
# regarded as insignificant". Ceprnja 2019 (pregnancy, 8-week follow-up).
MIC_STUGE_2017 = {"total": Decimal(25), "activity": Decimal(25), "symptom": Decimal(20)}
MIC_CEPRNJA_2019 = {
    "total": Decimal("11.0"),
    "activity": Decimal("9.4"),
    "symptom": Decimal("13.3"),
}

_ONE_DECIMAL = Decimal("0.1")


# R10 Scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PgqScore:
    """PGQ total and subscale scores, 0 = best and 100 = worst; None when too few answers."""

    total: float | None
    activity: float | None
    symptom: float | None
    answered_total: int
    answered_activity: int
    answered_symptom: int
    version: str = PGQ_VERSION
    rule_id: str = "R10"
    source: str = SRC_PGQ

    @property
    def complete(self) -> bool:
        return self.answered_total == len(ALL_ITEMS)

    def score_for(self, subscale: str) -> float | None:
        if subscale not in SUBSCALES:
            raise ValueError(f"Unknown PGQ subscale: {subscale!r}")
        return getattr(self, subscale)


def _check_item(number: object, value: object) -> None:
    # bool is an int subclass; True must not pass as a score of 1.
    if type(number) is not int or number not in ALL_ITEMS:
        raise ValueError(f"PGQ item number must be 1-25: {number!r}")
    if value is not None and (type(value) is not int or value not in ITEM_VALUES):
        raise ValueError(f"PGQ item {number} must be 0-3 or None: {value!r}")


def _min_answered(n_items: int) -> int:
    # Integer maths: 80 % of 20 is 16, of 5 is 4, of 25 is 20 (no float surprises).
    share = Decimal(str(MIN_ANSWERED_SHARE))
    return int((share * n_items).to_integral_value(rounding=ROUND_CEILING))


def percent_score(answers: list[int], n_items: int) -> float | None:
    """Sum ÷ (3 × answered) × 100, rounded half-up to one decimal; None below the 80 % rule."""
    if not answers or len(answers) < _min_answered(n_items):
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        raw = Decimal(100 * sum(answers)) / Decimal(ITEM_MAX * len(answers))
        return float(raw.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))


def score_pgq(items: Mapping[int, int | None]) -> PgqScore:
    """R10: PGQ total, activity and symptom scores from item number -> 0-3 (None = missing)."""
    for number, value in items.items():
        _check_item(number, value)
    answered = {n: v for n, v in items.items() if v is not None}
    activity = [answered[n] for n in ACTIVITY_ITEMS if n in answered]
    symptom = [answered[n] for n in SYMPTOM_ITEMS if n in answered]
    return PgqScore(
        total=percent_score(activity + symptom, len(ALL_ITEMS)),
        activity=percent_score(activity, len(ACTIVITY_ITEMS)),
        symptom=percent_score(symptom, len(SYMPTOM_ITEMS)),
        answered_total=len(activity) + len(symptom),
        answered_activity=len(activity),
        answered_symptom=len(symptom),
    )


# R11 Change ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PgqChange:
    """Change in one PGQ (sub)score, judged against both published MIC sets."""

    subscale: str
    before: float
    after: float
    change: float  # after - before; negative = better
    important_stuge: bool
    important_ceprnja: bool
    direction: str  # "better", "worse" or "same"
    mic_stuge: float
    mic_ceprnja: float
    rule_id: str = "R11"
    source: str = SRC_PGQ_CHANGE


def _decimal(value: float) -> Decimal:
    # Scores are stored with one decimal; str() gives that decimal exactly (33.3, not 33.29...).
    return Decimal(str(value))


def pgq_change(subscale: str, before: float, after: float) -> PgqChange:
    """R11: one change, important when |after - before| >= the MIC of each published set."""
    if subscale not in SUBSCALES:
        raise ValueError(f"Unknown PGQ subscale: {subscale!r}")
    for value in (before, after):
        if isinstance(value, bool) or not 0 <= value <= 100:
            raise ValueError(f"PGQ score must be 0-100: {value!r}")
    change = _decimal(after) - _decimal(before)
    direction = "better" if change < 0 else "worse" if change > 0 else "same"
    return PgqChange(
        subscale=subscale,
        before=before,
        after=after,
        change=float(change),
        important_stuge=abs(change) >= MIC_STUGE_2017[subscale],
        important_ceprnja=abs(change) >= MIC_CEPRNJA_2019[subscale],
        direction=direction,
        mic_stuge=float(MIC_STUGE_2017[subscale]),
        mic_ceprnja=float(MIC_CEPRNJA_2019[subscale]),
    )


def pgq_changes(before: PgqScore, after: PgqScore) -> tuple[PgqChange, ...]:
    """R11: total, activity and symptom changes, for each (sub)score present in both."""
    if before.version != after.version:
        raise ValueError(
            f"Cannot compare PGQ scores from different versions: {before.version} vs "
            f"{after.version}"
        )
    return tuple(
        pgq_change(subscale, before.score_for(subscale), after.score_for(subscale))
        for subscale in SUBSCALES
        if before.score_for(subscale) is not None and after.score_for(subscale) is not None
    )
