"""Clinical decision-support rules for PGP: pure functions, values in, values out.

No ORM and no request: callers pass plain values (codes from ``assessments.catalogue``) and get
frozen dataclasses back. Every suggestion names its rule (``rule_id``), explains itself in one
translatable sentence and cites its source. The rules are design proposals that a clinician
must sign off; docs/clinical-rules.md holds the decision tables.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .catalogue import (
    ANTERIOR_PELVIC_REGIONS,
    ASLR_POSITIVE_FROM,
    ASLR_SIDE_MAX,
    ASLR_SIDE_MIN,
    ASLR_TOTAL_MAX,
    BELOW_KNEE_REGIONS,
    DIASTOLIC_RANGE,
    GROIN_REGIONS,
    LUMBAR_REGIONS,
    MUST_ANSWER_FAMILIES,
    PELVIC_REGIONS,
    PELVIC_TESTS,
    POSTERIOR_PELVIC_REGIONS,
    POSTERIOR_TESTS,
    PROVOCATION_TESTS,
    RED_FLAGS,
    SYMPHYSIS_TESTS,
    SYSTOLIC_RANGE,
    TEMPERATURE_RANGE,
    DiagnosisSuggestion,
    PainScale,
    PelvicTest,
    PrognosticFlag,
    RedFlag,
    RedFlagInfo,
    RedFlagStatus,
    RiskFactor,
    Side,
    Subgroup,
    TestResult,
    Urgency,
    YellowFlag,
    YesNoNotAsked,
    regions_in,
)

# Sources ------------------------------------------------------------------------------------

SRC_VLEEMING = (
    "Vleeming A, Albert HB, Östgaard HC, Sturesson B, Stuge B. European guidelines for the "
    "diagnosis and treatment of pelvic girdle pain. Eur Spine J 2008;17:794-819"
)
SRC_MENS = "Mens JM et al. Spine 2002;27:196-200; Mens JM et al. Man Ther 2012;17:364-8"
SRC_ALBERT = (
    "Albert H et al. Eur Spine J 2000;9:161-6; Albert HB et al. Spine 2002; "
    "Albert HB et al. Acta Obstet Gynecol Scand 2006;85:539-44"
)
SRC_RED_FLAGS = (
    "Clinical brief section 3: NICE CKS cauda equina red flags; pregnancy red-flag symptoms "
    "(GP Online); NICE pre-eclampsia definition; Vleeming et al. Eur Spine J 2008;17:794-819"
)
SRC_DIAGNOSIS = f"{SRC_VLEEMING}; seed article; KNGF guideline (B.4); Gutke A et al. 2009"
SRC_HIP = "Transient osteoporosis of the hip in late pregnancy (clinical brief sections 1.4, 3)"
SRC_PROGNOSIS = (
    "Elden H et al. BMC Musculoskelet Disord 2016;17:276; Robinson HS et al. "
    "BMC Musculoskelet Disord 2010;11:91; Albert HB et al. 2006; Socialstyrelsen FMB O26.7"
)
SRC_PAIN_CHANGE = (
    "Ostelo RW et al. Spine 2008;33:90-4; Farrar JT et al. Pain 2001;94:149-58; "
    "Ceprnja D et al. Phys Ther 2019;99:1551-61"
)
SRC_POSTPARTUM = (
    "KNGF guideline Zwangerschapsgerelateerde bekkenpijn (delayed recovery > 3 months); "
    "Sundhedsstyrelsen, Anbefalinger for svangreomsorgen (8-week postnatal examination)"
)
SRC_COMMUNICATION = "Seed article (Danish GP journal); clinical brief section 7.2"


@dataclass(frozen=True, kw_only=True)
class RuleResult:
    """What every rule returns besides its answer: which rule, why, and from where."""

    rule_id: str
    explanation: str
    source: str


# Test results and ASLR ----------------------------------------------------------------------


def is_positive(result: str) -> bool:
    """Only a positive test with her familiar pain counts as positive."""
    return TestResult(result) == TestResult.POSITIVE_FAMILIAR


def _check_aslr_side(score: int | None) -> None:
    if score is not None and not ASLR_SIDE_MIN <= score <= ASLR_SIDE_MAX:
        raise ValueError(f"ASLR side score must be {ASLR_SIDE_MIN}-{ASLR_SIDE_MAX}: {score!r}")


def aslr_total(left: int | None, right: int | None) -> int | None:
    """Sum of the two ASLR side scores (0-10), or None if a side is missing."""
    _check_aslr_side(left)
    _check_aslr_side(right)
    if left is None or right is None:
        return None
    return left + right


def aslr_positive(total: int | None) -> bool | None:
    """ASLR is positive from a total of 1; None when not scored (missing is not negative)."""
    if total is None:
        return None
    if not 0 <= total <= ASLR_TOTAL_MAX:
        raise ValueError(f"ASLR total must be 0-{ASLR_TOTAL_MAX}: {total!r}")
    return total >= ASLR_POSITIVE_FROM


# Joint findings -----------------------------------------------------------------------------


TestRow = tuple[str, str, str]  # (test, side, result) as codes


@dataclass(frozen=True)
class JointFindings:
    """Which pelvic joints have a positive test with familiar pain."""

    sij_left: bool = False
    sij_right: bool = False
    symphysis: bool = False

    @property
    def sij_any(self) -> bool:
        return self.sij_left or self.sij_right

    @property
    def any_positive(self) -> bool:
        return self.sij_any or self.symphysis

    @property
    def all_three(self) -> bool:
        return self.sij_left and self.sij_right and self.symphysis


def check_test_row(test: str, side: str, result: str) -> tuple[PelvicTest, Side, TestResult]:
    """Coerce one (test, side, result) row to catalogue values; ValueError if impossible."""
    test, side, result = PelvicTest(test), Side(side), TestResult(result)
    info = PELVIC_TESTS[test]
    if side not in info.sides:
        raise ValueError(f"{test} cannot be recorded on side {side}")
    if result == TestResult.TENDERNESS_ONLY and not info.is_palpation:
        raise ValueError(f"tenderness_only is only valid for palpation tests, not {test}")
    return test, side, result


def _positive_rows(test_results: Iterable[TestRow]) -> set[tuple[PelvicTest, Side]]:
    rows = (check_test_row(*row) for row in test_results)
    return {(test, side) for test, side, result in rows if is_positive(result)}


def joint_findings(test_results: Iterable[TestRow]) -> JointFindings:
    """Positive joints from per-side test rows; tenderness only never counts."""
    positive = _positive_rows(test_results)
    return JointFindings(
        sij_left=any((t, Side.LEFT) in positive for t in POSTERIOR_TESTS),
        sij_right=any((t, Side.RIGHT) in positive for t in POSTERIOR_TESTS),
        symphysis=any(t in SYMPHYSIS_TESTS for t, _side in positive),
    )


# R3 Sub-group -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SubgroupResult(RuleResult):
    subgroup: Subgroup


_SUBGROUP_EXPLANATIONS = {
    Subgroup.PELVIC_GIRDLE_SYNDROME: _("Both sacroiliac joints and the symphysis are positive."),
    Subgroup.SYMPHYSEAL: _("Only the symphysis is positive."),
    Subgroup.ONE_SIDED_SIJ_LEFT: _("Only the left sacroiliac joint is positive."),
    Subgroup.ONE_SIDED_SIJ_RIGHT: _("Only the right sacroiliac joint is positive."),
    Subgroup.DOUBLE_SIDED_SIJ: _("Both sacroiliac joints are positive, the symphysis is not."),
    Subgroup.MISCELLANEOUS: _(
        "Pelvic pain with findings that fit none of the sub-groups; the clinician decides."
    ),
    Subgroup.NOT_CLASSIFIED: _("No positive pelvic test and no pelvic pain history."),
}


def _subgroup_for(findings: JointFindings, has_pelvic_pain_history: bool) -> Subgroup:
    left, right, sym = findings.sij_left, findings.sij_right, findings.symphysis
    if left and right:
        return Subgroup.PELVIC_GIRDLE_SYNDROME if sym else Subgroup.DOUBLE_SIDED_SIJ
    if left or right:
        if sym:
            return Subgroup.MISCELLANEOUS
        return Subgroup.ONE_SIDED_SIJ_LEFT if left else Subgroup.ONE_SIDED_SIJ_RIGHT
    if sym:
        return Subgroup.SYMPHYSEAL
    return Subgroup.MISCELLANEOUS if has_pelvic_pain_history else Subgroup.NOT_CLASSIFIED


def suggest_subgroup(findings: JointFindings, has_pelvic_pain_history: bool) -> SubgroupResult:
    """R3: suggest an Albert sub-group from the positive joints."""
    subgroup = _subgroup_for(findings, has_pelvic_pain_history)
    return SubgroupResult(
        subgroup=subgroup,
        rule_id="R3",
        explanation=_SUBGROUP_EXPLANATIONS[subgroup],
        source=SRC_ALBERT,
    )


# R1 Red flags -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RedFlagAnswer:
    """The answer to one red-flag item, with the action recorded when it is present."""

    status: str
    action_taken: str = ""


@dataclass(frozen=True)
class PresentFlag:
    info: RedFlagInfo
    action_taken: str


@dataclass(frozen=True)
class SigningBlocker:
    flag: RedFlag
    reason: str  # "action_missing" or "not_answered"
    message: str


@dataclass(frozen=True, kw_only=True)
class RedFlagSummary(RuleResult):
    present: tuple[PresentFlag, ...]
    highest_urgency: Urgency | None
    signing_blockers: tuple[SigningBlocker, ...]

    @property
    def any_present(self) -> bool:
        return bool(self.present)

    @property
    def can_sign(self) -> bool:
        return not self.signing_blockers


_ACTION_MISSING = _("Red flag present: record the action taken before signing.")
_NOT_ANSWERED = _("Cauda equina and obstetric items must be asked before signing.")


def _as_answer(value: "str | RedFlagAnswer") -> RedFlagAnswer:
    answer = value if isinstance(value, RedFlagAnswer) else RedFlagAnswer(status=value)
    RedFlagStatus(answer.status)  # raises ValueError for an unknown status
    return answer


def _blocker(info: RedFlagInfo, answer: RedFlagAnswer | None) -> SigningBlocker | None:
    status = answer.status if answer else RedFlagStatus.NOT_ASKED
    if status == RedFlagStatus.PRESENT and not answer.action_taken.strip():
        return SigningBlocker(info.code, "action_missing", _ACTION_MISSING)
    if status == RedFlagStatus.NOT_ASKED and info.family in MUST_ANSWER_FAMILIES:
        return SigningBlocker(info.code, "not_answered", _NOT_ANSWERED)
    return None


def red_flag_summary(answers: Mapping[str, "str | RedFlagAnswer"]) -> RedFlagSummary:
    """R1: present flags by urgency, the highest urgency and what blocks signing."""
    given = {RedFlag(code): _as_answer(value) for code, value in answers.items()}
    present = [
        PresentFlag(RED_FLAGS[code], answer.action_taken)
        for code, answer in given.items()
        if answer.status == RedFlagStatus.PRESENT
    ]
    present.sort(key=lambda p: (p.info.urgency.rank, list(RED_FLAGS).index(p.info.code)))
    blockers = [_blocker(info, given.get(code)) for code, info in RED_FLAGS.items()]
    return RedFlagSummary(
        present=tuple(present),
        highest_urgency=present[0].info.urgency if present else None,
        signing_blockers=tuple(b for b in blockers if b),
        rule_id="R1",
        explanation=(
            _("Red flag present: act on it before any PGP conclusion.")
            if present
            else _("No red flag recorded as present.")
        ),
        source=SRC_RED_FLAGS,
    )


@dataclass(frozen=True, kw_only=True)
class VitalSignPrompt(RuleResult):
    flag: RedFlag


PREECLAMPSIA_FROM_GA_DAYS = 140  # 20+0
PREECLAMPSIA_POSTPARTUM_DAYS = 28  # pre-eclampsia can present up to ~4 weeks after birth
FEVER_FROM = 38.0


def _check_range(value: float | None, plausible, name: str) -> None:
    if value is not None and not plausible.contains(value):
        raise ValueError(f"{name} outside plausible range {plausible.min}-{plausible.max}")


def _bp_raised(systolic: int | None, diastolic: int | None) -> bool:
    return (systolic or 0) >= 140 or (diastolic or 0) >= 90


def _preeclampsia_window(ga_days: int | None, days_postpartum: int | None) -> bool:
    if ga_days is not None and ga_days >= PREECLAMPSIA_FROM_GA_DAYS:
        return True
    return days_postpartum is not None and 0 <= days_postpartum <= PREECLAMPSIA_POSTPARTUM_DAYS


def vital_signs_flags(
    systolic: int | None,
    diastolic: int | None,
    temperature: float | None,
    ga_days: int | None,
    *,
    days_postpartum: int | None = None,
) -> tuple[VitalSignPrompt, ...]:
    """R1: red-flag prompts from BP (>= 140/90 from 20+0) and temperature (>= 38.0 °C)."""
    _check_range(systolic, SYSTOLIC_RANGE, "systolic")
    _check_range(diastolic, DIASTOLIC_RANGE, "diastolic")
    _check_range(temperature, TEMPERATURE_RANGE, "temperature")
    prompts = []
    if _bp_raised(systolic, diastolic) and _preeclampsia_window(ga_days, days_postpartum):
        prompts.append(VitalSignPrompt(
            flag=RedFlag.PREECLAMPSIA,
            rule_id="R1",
            explanation=_("Blood pressure 140/90 or more after week 20: ask about pre-eclampsia."),
            source=SRC_RED_FLAGS,
        ))
    if temperature is not None and temperature >= FEVER_FROM:
        prompts.append(VitalSignPrompt(
            flag=RedFlag.FEVER_INFECTION,
            rule_id="R1",
            explanation=_("Temperature 38.0 °C or more: look for infection or pyelonephritis."),
            source=SRC_RED_FLAGS,
        ))
    return tuple(prompts)


# R2 / R4 Diagnosis --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DiagnosisResult(RuleResult):
    diagnosis: DiagnosisSuggestion


THIRD_TRIMESTER_FROM_GA_DAYS = 196  # 28+0

_DIAGNOSIS_RULES = {
    DiagnosisSuggestion.RED_FLAG: (
        "R1", _("A red flag is present; it outranks every other suggestion."), SRC_RED_FLAGS
    ),
    DiagnosisSuggestion.HIP: (
        "R4",
        _("Groin pain with a limp or painful hip rotation in the third trimester: consider "
          "transient osteoporosis of the hip and arrange medical assessment."),
        SRC_HIP,
    ),
    DiagnosisSuggestion.PGP_LIKELY: (
        "R2",
        _("Pelvic pain location, lumbar cause excluded and a positive test in the same region."),
        SRC_DIAGNOSIS,
    ),
    DiagnosisSuggestion.LUMBAR: (
        "R2",
        _("Lumbar findings or pain below the knee, and no positive pelvic test."),
        SRC_DIAGNOSIS,
    ),
    DiagnosisSuggestion.PGP_SUSPECTED: (
        "R2",
        _("Pelvic pain location, but not all criteria for pelvic girdle pain are met."),
        SRC_DIAGNOSIS,
    ),
    DiagnosisSuggestion.OTHER: (
        "R2", _("No pelvic pain location and no clear lumbar pattern."), SRC_DIAGNOSIS
    ),
}


def _hip_pattern(groin: bool, limp: bool, hip_rotation: bool, ga_days: int | None) -> bool:
    third_trimester = ga_days is not None and ga_days >= THIRD_TRIMESTER_FROM_GA_DAYS
    return groin and (limp or hip_rotation) and third_trimester


def _matching_positive_test(regions: frozenset, findings: JointFindings) -> bool:
    posterior = regions_in(regions, POSTERIOR_PELVIC_REGIONS) and findings.sij_any
    anterior = regions_in(regions, ANTERIOR_PELVIC_REGIONS) and findings.symphysis
    return posterior or anterior


def _diagnosis_for(
    regions, lumbar_movement_normal, neuro_screen_normal, findings, red_flag_present,
    groin_pain, limp, painful_hip_rotation, ga_days,
) -> DiagnosisSuggestion:
    if red_flag_present:
        return DiagnosisSuggestion.RED_FLAG
    groin = groin_pain or regions_in(regions, GROIN_REGIONS)
    if _hip_pattern(groin, limp, painful_hip_rotation, ga_days):
        return DiagnosisSuggestion.HIP
    pelvic = regions_in(regions, PELVIC_REGIONS)
    below_knee = regions_in(regions, BELOW_KNEE_REGIONS)
    lumbar_excluded = (
        lumbar_movement_normal is True and neuro_screen_normal is True and not below_knee
    )
    if pelvic and lumbar_excluded and _matching_positive_test(regions, findings):
        return DiagnosisSuggestion.PGP_LIKELY
    lumbar_signs = lumbar_movement_normal is False or neuro_screen_normal is False or below_knee
    if lumbar_signs and not findings.any_positive:
        return DiagnosisSuggestion.LUMBAR
    return DiagnosisSuggestion.PGP_SUSPECTED if pelvic else DiagnosisSuggestion.OTHER


def suggest_diagnosis(
    *,
    pain_regions: Iterable[str],
    lumbar_movement_normal: bool | None,
    neuro_screen_normal: bool | None,
    findings: JointFindings,
    red_flag_present: bool,
    groin_pain: bool = False,
    limp: bool = False,
    painful_hip_rotation: bool = False,
    ga_days: int | None = None,
) -> DiagnosisResult:
    """R1 > R4 > R2: suggest a working diagnosis; None for an exam item means not recorded."""
    diagnosis = _diagnosis_for(
        frozenset(pain_regions), lumbar_movement_normal, neuro_screen_normal, findings,
        red_flag_present, groin_pain, limp, painful_hip_rotation, ga_days,
    )
    rule_id, explanation, source = _DIAGNOSIS_RULES[diagnosis]
    return DiagnosisResult(
        diagnosis=diagnosis, rule_id=rule_id, explanation=explanation, source=source
    )


# R2 Examination completeness ----------------------------------------------------------------


@dataclass(frozen=True)
class MissingItem:
    code: str  # e.g. "p4_left", "aslr_right", "symphysis_test"
    message: str


@dataclass(frozen=True, kw_only=True)
class ExamCompleteness(RuleResult):
    missing: tuple[MissingItem, ...]
    reminders: tuple[str, ...]

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def missing_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.missing)


_MISSING_MESSAGES = {
    "p4_left": _("P4 on the left side is not recorded."),
    "p4_right": _("P4 on the right side is not recorded."),
    "aslr_left": _("ASLR on the left side is not recorded."),
    "aslr_right": _("ASLR on the right side is not recorded."),
    "symphysis_test": _(
        "Pain at the symphysis: record symphysis palpation or the modified Trendelenburg test."
    ),
}
_SYMPHYSIS_REMINDER = _(
    "P4 and ASLR do not pick up pain at the symphysis alone; use symphysis palpation "
    "or the modified Trendelenburg test."
)


def _performed(test_results: Iterable[TestRow]) -> set[tuple[PelvicTest, Side]]:
    rows = (check_test_row(*row) for row in test_results)
    return {(test, side) for test, side, result in rows if result != TestResult.NOT_PERFORMED}


def missing_for_complete_exam(
    performed_tests: Iterable[TestRow], pain_regions: Iterable[str]
) -> ExamCompleteness:
    """R2: the minimum examination (P4 and ASLR both sides, symphysis test if anterior pain)."""
    done = _performed(performed_tests)
    required = [(PelvicTest.P4, side) for side in (Side.LEFT, Side.RIGHT)]
    required += [(PelvicTest.ASLR, side) for side in (Side.LEFT, Side.RIGHT)]
    codes = [f"{test}_{side}" for test, side in required if (test, side) not in done]
    symphysis_done = any(test in SYMPHYSIS_TESTS for test, _side in done)
    if regions_in(pain_regions, ANTERIOR_PELVIC_REGIONS) and not symphysis_done:
        codes.append("symphysis_test")
    return ExamCompleteness(
        missing=tuple(MissingItem(code, _MISSING_MESSAGES[code]) for code in codes),
        reminders=() if symphysis_done else (_SYMPHYSIS_REMINDER,),
        rule_id="R2",
        explanation=_("P4 and ASLR on both sides are the minimum; add a symphysis test "
                      "when there is pain at the front of the pelvis."),
        source=f"{SRC_VLEEMING}; {SRC_MENS}",
    )


# R5 Prognosis -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PrognosticResult(RuleResult):
    flags: tuple[PrognosticFlag, ...]

    @property
    def suggest_specialised_referral(self) -> bool:
        return bool(self.flags)


EARLY_ONSET_BEFORE_GA_DAYS = 126  # 18+0
MANY_POSITIVE_TESTS_FROM = 3
HIGH_PAIN_FROM = {PainScale.NRS: 7, PainScale.VAS: 70}
_FEAR_FLAGS = (YellowFlag.FEAR_OF_MOVEMENT, YellowFlag.DISTRESS, YellowFlag.CATASTROPHISING)


def count_positive_provocation_tests(test_results: Iterable[TestRow]) -> int:
    """Distinct positive (test, side) pairs among P4, FABER, Gaenslen and mod. Trendelenburg."""
    return sum(1 for test, _side in _positive_rows(test_results) if test in PROVOCATION_TESTS)


def _high_pain(pain_scores: Iterable[tuple[str, int]]) -> bool:
    scores = [(PainScale(scale), value) for scale, value in pain_scores]
    for scale, value in scores:
        _check_pain_value(scale, value)
    return any(value >= HIGH_PAIN_FROM[scale] for scale, value in scores)


def prognostic_flags(
    *,
    test_results: Iterable[TestRow],
    pain_regions: Iterable[str],
    risk_factors: Iterable[str] = (),
    onset_ga_days: int | None = None,
    pain_scores: Iterable[tuple[str, int]] = (),
    yellow_flags: Mapping[str, str] | None = None,
    no_improvement_at_follow_up: bool = False,
) -> PrognosticResult:
    """R5: flags for a worse course; any flag suggests a specialised physiotherapist."""
    rows = list(test_results)
    regions = frozenset(pain_regions)
    risks = {RiskFactor(r) for r in risk_factors}
    yellow = {YellowFlag(k): YesNoNotAsked(v) for k, v in (yellow_flags or {}).items()}
    early = onset_ga_days is not None and onset_ga_days < EARLY_ONSET_BEFORE_GA_DAYS
    checks = {
        PrognosticFlag.ALL_THREE_JOINTS: joint_findings(rows).all_three,
        PrognosticFlag.MANY_POSITIVE_TESTS: (
            count_positive_provocation_tests(rows) >= MANY_POSITIVE_TESTS_FROM
        ),
        PrognosticFlag.PREVIOUS_LBP_OR_PGP: bool(
            risks & {RiskFactor.PREVIOUS_LBP, RiskFactor.PREVIOUS_PGP}
        ),
        PrognosticFlag.EARLY_COMBINED_PAIN: early
        and regions_in(regions, LUMBAR_REGIONS)
        and regions_in(regions, PELVIC_REGIONS),
        PrognosticFlag.HIGH_PAIN: _high_pain(pain_scores),
        PrognosticFlag.FEAR_OR_DISTRESS: any(
            yellow.get(f) == YesNoNotAsked.YES for f in _FEAR_FLAGS
        ),
        PrognosticFlag.NO_IMPROVEMENT: no_improvement_at_follow_up,
    }
    flags = tuple(flag for flag, hit in checks.items() if hit)
    return PrognosticResult(
        flags=flags,
        rule_id="R5",
        explanation=(
            _("Signs of a longer course: consider a specialised (obstetric) physiotherapist.")
            if flags
            else _("No prognostic flag recorded.")
        ),
        source=SRC_PROGNOSIS,
    )


# R6 Pain change -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PainChange(RuleResult):
    scale: PainScale
    before: int
    after: int
    change: int  # after - before; negative means less pain
    percent: float | None  # change as % of before; None when before is 0
    clinically_important: bool  # important improvement
    worsening: bool  # important worsening


IMPORTANT_CHANGE_POINTS = {PainScale.NRS: 2, PainScale.VAS: 15}
IMPORTANT_CHANGE_PERCENT = 30


def _check_pain_value(scale: PainScale, value: int) -> None:
    if not isinstance(value, int) or not scale.min_value <= value <= scale.max_value:
        raise ValueError(f"{scale} value must be an integer {scale.min_value}-{scale.max_value}")


def _important(before: int, drop: int, scale: PainScale) -> bool:
    if drop <= 0:
        return False
    by_points = drop >= IMPORTANT_CHANGE_POINTS[scale]
    # Integer arithmetic so 30 % exactly is not lost to floating point.
    by_percent = before > 0 and 100 * drop >= IMPORTANT_CHANGE_PERCENT * before
    return by_points or by_percent


def pain_change(scale: str, before: int, after: int) -> PainChange:
    """R6: change between two scores on the same scale, and whether it matters clinically."""
    scale = PainScale(scale)
    _check_pain_value(scale, before)
    _check_pain_value(scale, after)
    change = after - before
    improved = _important(before, -change, scale)
    worse = _important(before, change, scale)
    if improved:
        explanation = _("Clinically important improvement.")
    elif worse:
        explanation = _("Clinically important worsening.")
    else:
        explanation = _("Change smaller than the clinically important threshold.")
    return PainChange(
        scale=scale,
        before=before,
        after=after,
        change=change,
        percent=round(100 * change / before, 1) if before else None,
        clinically_important=improved,
        worsening=worse,
        rule_id="R6",
        explanation=explanation,
        source=SRC_PAIN_CHANGE,
    )


# R7 Postpartum ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PostpartumAdvice(RuleResult):
    review_due: bool
    suggest_physiotherapy_referral: bool
    reassess_other_causes: bool


REVIEW_FROM_DAYS = 42  # from 6 weeks, aiming at the ~8-week postnatal examination
DELAYED_RECOVERY_FROM_DAYS = 91  # more than 3 months


def postpartum_advice(days_postpartum: int, *, has_pain: bool = True) -> PostpartumAdvice:
    """R7: postnatal review from 6 weeks; pain beyond 3 months suggests physiotherapy."""
    if days_postpartum < 0:
        raise ValueError("days_postpartum cannot be negative")
    delayed = has_pain and days_postpartum >= DELAYED_RECOVERY_FROM_DAYS
    if delayed:
        explanation = _("Pain more than 3 months after birth: suggest physiotherapy referral "
                        "and reassess for other causes.")
    elif days_postpartum >= REVIEW_FROM_DAYS:
        explanation = _("Review the pelvic pain at the postnatal examination around 8 weeks.")
    else:
        explanation = _("Offer a review at the postnatal examination around 8 weeks after birth.")
    return PostpartumAdvice(
        review_due=days_postpartum >= REVIEW_FROM_DAYS,
        suggest_physiotherapy_referral=delayed,
        reassess_other_causes=delayed,
        rule_id="R7",
        explanation=explanation,
        source=SRC_POSTPARTUM,
    )


# R9 Communication guardrail -----------------------------------------------------------------


@dataclass(frozen=True)
class FearPhrase:
    """A fear-inducing phrase, the regex that finds it and calm alternatives in both languages."""

    language: str
    phrase: str
    pattern: str
    alternative_en: str
    alternative_da: str


@dataclass(frozen=True)
class FearPhraseHit:
    phrase: str
    matched: str
    start: int
    end: int
    alternative_en: str
    alternative_da: str
    rule_id: str = "R9"
    source: str = SRC_COMMUNICATION


# Alternatives are bilingual data for handout linting (English for English text, Danish for
# Danish text), so they are plain strings rather than UI translations.
_ALT = {
    "loose": (
        "The pelvic joints are strong and stable; they give a little more in pregnancy, "
        "which is normal and needed for the birth.",
        "Bækkenets led er stærke og stabile; de giver lidt mere efter i graviditeten, "
        "og det er normalt og nødvendigt for fødslen.",
    ),
    "term": (
        "Call it pregnancy-related pelvic girdle pain; the pelvis stays stable.",
        "Kald det graviditetsrelaterede bækkensmerter; bækkenet er stabilt.",
    ),
    "misaligned": (
        "The pelvis is not out of place; the pain comes from sensitive tissues and nerves, "
        "not from damage.",
        "Bækkenet er ikke forskubbet; smerten kommer fra følsomt væv og nerver, ikke fra skade.",
    ),
    "stairs": (
        "Stairs are fine; use the handrail and take your time.",
        "Du må gerne gå på trapper; brug gelænderet og tag den tid, du har brug for.",
    ),
    "steps": (
        "Walk with your usual stride; slow down for a while only if the pain clearly increases.",
        "Gå med dine normale skridt; sæt kun tempoet ned en tid, hvis smerten tydeligt øges.",
    ),
    "asymmetric": (
        "Move freely and change position often; if one movement clearly increases the pain, "
        "adjust it for a while.",
        "Bevæg dig frit og skift stilling ofte; hvis en bevægelse tydeligt øger smerten, "
        "så tilpas den for en tid.",
    ),
    "knees": (
        "Legs apart or crossed is fine; let the pain guide you rather than rules.",
        "Du må gerne have benene fra hinanden eller over kors; lad smerten guide dig, "
        "ikke regler.",
    ),
}


def _phrase(language: str, phrase: str, alt: str, pattern: str | None = None) -> FearPhrase:
    pattern = pattern or r"\s+".join(re.escape(word) for word in phrase.split())
    return FearPhrase(language, phrase, pattern, *_ALT[alt])


FEAR_PHRASES: tuple[FearPhrase, ...] = (
    _phrase("da", "løse led", "loose"),
    _phrase("da", "løst bækken", "loose", r"løst\s+bækken(?:et)?"),
    _phrase("da", "bækkenløsning", "term", r"bækkenløsning(?:en|er|erne)?"),
    _phrase("da", "skævt bækken", "misaligned", r"skævt\s+bækken(?:et)?"),
    _phrase("da", "undgå trapper", "stairs", r"undgå\s+trapper(?:ne)?"),
    _phrase("da", "små skridt", "steps"),
    _phrase("da", "undgå asymmetriske bevægelser", "asymmetric"),
    _phrase("da", "hold knæene samlet", "knees"),
    _phrase("en", "loose joints", "loose", r"loose\s+joints?"),
    _phrase("en", "loose pelvis", "loose"),
    _phrase("en", "unstable pelvis", "loose"),
    _phrase("en", "pelvis out of line", "misaligned"),
    _phrase("en", "misaligned pelvis", "misaligned"),
    _phrase("en", "avoid stairs", "stairs", r"avoid\s+(?:the\s+)?stairs"),
    _phrase("en", "small steps", "steps"),
    _phrase("en", "avoid asymmetric movements", "asymmetric",
            r"avoid\s+asymmetric(?:al)?\s+movements?"),
    _phrase("en", "keep your knees together", "knees"),
)


def _compiled(phrase: FearPhrase) -> re.Pattern:
    return re.compile(rf"(?<!\w){phrase.pattern}(?!\w)", re.IGNORECASE)


_COMPILED = tuple((phrase, _compiled(phrase)) for phrase in FEAR_PHRASES)


def fear_phrases(text: str, language: str | None = None) -> list[FearPhraseHit]:
    """R9: fear-inducing phrases in a text (whole phrases, any case), in reading order."""
    if language is not None and language[:2].lower() not in {"da", "en"}:
        raise ValueError(f"Unsupported language for fear phrases: {language!r}")
    wanted = language[:2].lower() if language else None
    hits = [
        FearPhraseHit(phrase.phrase, m.group(0), m.start(), m.end(), phrase.alternative_en,
                      phrase.alternative_da)
        for phrase, regex in _COMPILED
        if wanted in (None, phrase.language)
        for m in regex.finditer(text)
    ]
    return sorted(hits, key=lambda hit: hit.start)
