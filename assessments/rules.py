"""Clinical decision-support rules for PGP: pure functions, values in, values out.

No ORM and no request: callers pass plain values (codes from ``assessments.catalogue``) and get
frozen dataclasses back. Every suggestion names its rule (``rule_id``), explains itself in one
translatable sentence and cites its source. The rules are design proposals that a clinician
must sign off; docs/clinical-rules.md holds the decision tables.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product

from django.utils.text import format_lazy, get_text_list
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
    Joint,
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
# Citations as shown to the clinician (author, year, title, journal). The rules page
# (docs/clinical-rules.md, rendered in the app) lists them per rule.

SRC_VLEEMING = (
    "Vleeming A, Albert HB, Östgaard HC, Sturesson B, Stuge B (2008). European guidelines for "
    "the diagnosis and treatment of pelvic girdle pain. Eur Spine J 17:794-819"
)
SRC_MENS = (
    "Mens JM et al. (2002). Validity of the active straight leg raise test for measuring "
    "disease severity in patients with posterior pelvic pain after pregnancy. Spine "
    "27:196-200; Mens JM et al. (2012). The active straight leg raise test in lumbopelvic pain "
    "during pregnancy. Man Ther 17:364-8"
)
SRC_ALBERT = (
    "Albert H, Godskesen M, Westergaard J (2000). Evaluation of clinical tests used in "
    "classification procedures in pregnancy-related pelvic joint pain. Eur Spine J 9:161-6; "
    "Albert HB et al. (2006). Risk factors in developing pregnancy-related pelvic girdle pain. "
    "Acta Obstet Gynecol Scand 85:539-44"
)
SRC_RED_FLAGS = (
    "NICE Clinical Knowledge Summaries (n.d.). Sciatica (lumbar radiculopathy): cauda equina "
    "red flags; GP Online (n.d.). Pregnancy red-flag symptoms; NICE (2019). Hypertension in "
    "pregnancy: diagnosis and management (NG133); KNGF (2017). Richtlijn "
    "Zwangerschapsgerelateerde bekkenpijn, B.4; Vleeming A et al. (2008). Eur Spine J "
    "17:794-819"
)
SRC_SEED = (
    "Graviditetsrelaterede bækkensmerter (undated). Article with a physiotherapy case in a "
    "Danish general-practice journal; authors not given in the project's copy"
)
SRC_DIAGNOSIS = (
    f"{SRC_VLEEMING}; KNGF (2017). Richtlijn Zwangerschapsgerelateerde bekkenpijn, B.4 "
    "Aanvullend lichamelijk onderzoek; Gutke A et al. (2009). Posterior pelvic pain "
    "provocation test is negative in patients with lumbar herniated discs. Eur Spine J "
    "18:1008-12; {seed}"
).replace("{seed}", SRC_SEED)
SRC_HIP = (
    "Wheeless' Textbook of Orthopaedics (n.d.). Idiopathic transient osteoporosis of the hip; "
    "Vleeming A et al. (2008). Eur Spine J 17:794-819"
)
SRC_PROGNOSIS = (
    "Elden H et al. (2016). Predictors and consequences of long-term pregnancy-related pelvic "
    "girdle pain. BMC Musculoskelet Disord 17:276; Robinson HS et al. (2010). Pelvic girdle "
    "pain: associations between risk factors in early pregnancy and disability or pain "
    "intensity in late pregnancy. BMC Musculoskelet Disord 11:91; Albert HB et al. (2006). "
    "Acta Obstet Gynecol Scand 85:539-44; Socialstyrelsen (n.d.). Försäkringsmedicinskt "
    "beslutsstöd: graviditetsrelaterad rygg- och bäckensmärta (O26.7)"
)
SRC_PAIN_CHANGE = (
    "Ostelo RW et al. (2008). Interpreting change scores for pain and functional status in "
    "low back pain. Spine 33:90-4; Farrar JT et al. (2001). Clinical importance of changes in "
    "chronic pain intensity measured on an 11-point numerical pain rating scale. Pain "
    "94:149-58; Ceprnja D et al. (2019). Responsiveness and minimal important change of pain "
    "and disability outcome measures in pregnancy-related low back and pelvic girdle pain. "
    "Phys Ther 99:1551-61"
)
SRC_POSTPARTUM = (
    "KNGF (2017). Richtlijn Zwangerschapsgerelateerde bekkenpijn (delayed recovery more than "
    "3 months after delivery); Sundhedsstyrelsen (2022). Anbefalinger for svangreomsorgen "
    "(postnatal examination about 8 weeks after birth)"
)
SRC_COMMUNICATION = f"{SRC_SEED}; Vleeming A et al. (2008). Eur Spine J 17:794-819"


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

ALL_JOINTS = (Joint.SIJ_LEFT, Joint.SIJ_RIGHT, Joint.SYMPHYSIS)


@dataclass(frozen=True)
class JointFindings:
    """Which pelvic joints have a positive test with familiar pain, and which were examined.

    ``examined`` holds the joints with a result recorded (see ``joint_findings``); a positive
    joint is always examined. A joint that was not examined is neither positive nor negative.
    """

    sij_left: bool = False
    sij_right: bool = False
    symphysis: bool = False
    examined: frozenset = frozenset()

    @property
    def sij_any(self) -> bool:
        return self.sij_left or self.sij_right

    @property
    def any_positive(self) -> bool:
        return self.sij_any or self.symphysis

    @property
    def all_three(self) -> bool:
        return self.sij_left and self.sij_right and self.symphysis

    def positive(self, joint: str) -> bool:
        return {Joint.SIJ_LEFT: self.sij_left, Joint.SIJ_RIGHT: self.sij_right,
                Joint.SYMPHYSIS: self.symphysis}[Joint(joint)]

    def status(self, joint: str) -> bool | None:
        """True positive, False examined and not positive, None not examined."""
        if self.positive(joint):
            return True
        return False if Joint(joint) in self.examined else None

    @property
    def not_examined(self) -> tuple[Joint, ...]:
        return tuple(joint for joint in ALL_JOINTS if self.status(joint) is None)


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


def _examined(done: set[tuple[PelvicTest, Side]]) -> frozenset:
    """Joints examined well enough to call them negative. Choice (stricter than the brief):
    a sacroiliac joint needs its key test, P4, on that side; the symphysis needs symphysis
    palpation or the modified Trendelenburg test (tenderness only counts as examined)."""
    examined = {Joint.SYMPHYSIS} if any(t in SYMPHYSIS_TESTS for t, _side in done) else set()
    for joint, side in ((Joint.SIJ_LEFT, Side.LEFT), (Joint.SIJ_RIGHT, Side.RIGHT)):
        if (PelvicTest.P4, side) in done:
            examined.add(joint)
    return frozenset(examined)


def joint_findings(test_results: Iterable[TestRow]) -> JointFindings:
    """Positive and examined joints from per-side test rows; tenderness only never counts as
    positive, and a test not performed says nothing about its joint."""
    rows = list(test_results)
    positive = _positive_rows(rows)
    findings = dict(
        sij_left=any((t, Side.LEFT) in positive for t in POSTERIOR_TESTS),
        sij_right=any((t, Side.RIGHT) in positive for t in POSTERIOR_TESTS),
        symphysis=any(t in SYMPHYSIS_TESTS for t, _side in positive),
    )
    examined = _examined(_performed(rows)) | {
        joint for joint, hit in zip(ALL_JOINTS, findings.values(), strict=True) if hit
    }
    return JointFindings(**findings, examined=frozenset(examined))


# R3 Sub-group -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExamNeeded:
    """Something to examine before a suggestion can be made, and the field where it goes."""

    code: str
    field: str  # the html id of the form field to jump to
    message: str


@dataclass(frozen=True, kw_only=True)
class SubgroupResult(RuleResult):
    subgroup: Subgroup | None  # None: cannot be decided from what was examined
    to_examine: tuple[ExamNeeded, ...] = ()

    @property
    def decided(self) -> bool:
        return self.subgroup is not None


_SUBGROUP_EXPLANATIONS = {
    Subgroup.PELVIC_GIRDLE_SYNDROME: _("Both sacroiliac joints and the symphysis are positive."),
    Subgroup.SYMPHYSEAL: _("Only the symphysis is positive; both sacroiliac joints were "
                           "examined and are negative."),
    Subgroup.ONE_SIDED_SIJ_LEFT: _("Only the left sacroiliac joint is positive; the right one "
                                   "and the symphysis were examined and are negative."),
    Subgroup.ONE_SIDED_SIJ_RIGHT: _("Only the right sacroiliac joint is positive; the left one "
                                    "and the symphysis were examined and are negative."),
    Subgroup.DOUBLE_SIDED_SIJ: _("Both sacroiliac joints are positive; the symphysis was "
                                 "examined and is negative."),
    Subgroup.MISCELLANEOUS: _(
        "Pelvic pain with findings that fit none of the sub-groups; the clinician decides."
    ),
    Subgroup.NOT_CLASSIFIED: _("All three joints examined, none positive, and no pelvic pain "
                               "recorded."),
}

JOINT_TEST_FIELDS = {
    Joint.SIJ_LEFT: "id_test-p4_left",
    Joint.SIJ_RIGHT: "id_test-p4_right",
    Joint.SYMPHYSIS: "id_test-symphysis_palpation_midline",
}
_EXAMINE_MESSAGES = {
    Joint.SIJ_LEFT: _("Left sacroiliac joint not examined: record P4 on the left. The sub-group "
                      "depends on whether it is positive."),
    Joint.SIJ_RIGHT: _("Right sacroiliac joint not examined: record P4 on the right. The "
                       "sub-group depends on whether it is positive."),
    Joint.SYMPHYSIS: _("Symphysis not examined: record symphysis palpation or the modified "
                       "Trendelenburg test. The sub-group depends on whether it is positive."),
}


def _subgroup_of(left: bool, right: bool, sym: bool, has_pelvic_pain_history: bool) -> Subgroup:
    """The brief's section 2 table for three examined joints."""
    if left and right:
        return Subgroup.PELVIC_GIRDLE_SYNDROME if sym else Subgroup.DOUBLE_SIDED_SIJ
    if left or right:
        if sym:
            return Subgroup.MISCELLANEOUS
        return Subgroup.ONE_SIDED_SIJ_LEFT if left else Subgroup.ONE_SIDED_SIJ_RIGHT
    if sym:
        return Subgroup.SYMPHYSEAL
    return Subgroup.MISCELLANEOUS if has_pelvic_pain_history else Subgroup.NOT_CLASSIFIED


def _subgroup_for(findings: JointFindings, has_pelvic_pain_history: bool) -> Subgroup | None:
    """The sub-group if every joint it depends on was examined, else None. A joint not
    examined could be either; a suggestion is made only if both answers give the same group."""
    statuses = [findings.status(joint) for joint in ALL_JOINTS]
    options = [(True, False) if status is None else (status,) for status in statuses]
    groups = {
        _subgroup_of(left, right, sym, has_pelvic_pain_history)
        for left, right, sym in product(*options)
    }
    return groups.pop() if len(groups) == 1 else None


def suggest_subgroup(findings: JointFindings, has_pelvic_pain_history: bool) -> SubgroupResult:
    """R3: suggest an Albert sub-group from the examined joints, or say what to examine."""
    subgroup = _subgroup_for(findings, has_pelvic_pain_history)
    if subgroup is not None:
        return SubgroupResult(
            subgroup=subgroup, rule_id="R3", explanation=_SUBGROUP_EXPLANATIONS[subgroup],
            source=SRC_ALBERT,
        )
    missing = findings.not_examined
    return SubgroupResult(
        subgroup=None,
        to_examine=tuple(
            ExamNeeded(joint.value, JOINT_TEST_FIELDS[joint], _EXAMINE_MESSAGES[joint])
            for joint in missing
        ),
        rule_id="R3",
        explanation=format_lazy(
            _("Cannot be decided: examine {what}."),
            what=get_text_list([joint.label for joint in missing], _("and")),
        ),
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

    @property
    def handled(self) -> bool:
        """The action for the flag is recorded: it stays visible, marked handled."""
        return bool(self.action_taken.strip())


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
    def unhandled(self) -> tuple[PresentFlag, ...]:
        return tuple(flag for flag in self.present if not flag.handled)

    @property
    def any_unhandled(self) -> bool:
        """A flag is present and its action not yet recorded: no PGP conclusion is shown."""
        return bool(self.unhandled)

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


def _red_flag_explanation(present: list[PresentFlag]):
    if not present:
        return _("No red flag recorded as present.")
    if any(not flag.handled for flag in present):
        return _("Red flag present: act on it and record the action before any PGP conclusion.")
    return _("Red flag present and its action recorded: the clinical assessment is shown.")


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
        explanation=_red_flag_explanation(present),
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


RADICULAR_FLAGS = frozenset({RedFlag.RADICULAR_SIGNS, RedFlag.RADICULAR_PROGRESSIVE})


def radicular_prompts(
    *,
    neuro: Mapping[str, str],
    below_knee_pain: bool,
    answers: Mapping[str, "str | RedFlagAnswer"] | None = None,
) -> tuple[VitalSignPrompt, ...]:
    """R1: ask about nerve-root signs when the neuro screen (strength, sensation, reflexes,
    straight-leg raise) is abnormal or she has pain below the knee, unless a radicular flag
    is already recorded present. ``neuro`` maps each finding to "normal"/"abnormal"/""."""
    given = {RedFlag(code): _as_answer(value) for code, value in (answers or {}).items()}
    if any(given.get(flag, RedFlagAnswer("not_asked")).status == RedFlagStatus.PRESENT
           for flag in RADICULAR_FLAGS):
        return ()
    reasons = []
    if neuro.get("slr") == "abnormal":
        reasons.append(_("straight-leg raise abnormal"))
    if any(neuro.get(name) == "abnormal" for name in ("strength", "sensation", "reflexes")):
        reasons.append(_("neuro screen abnormal"))
    if below_knee_pain:
        reasons.append(_("pain below the knee"))
    if not reasons:
        return ()
    return (VitalSignPrompt(
        flag=RedFlag.RADICULAR_SIGNS,
        rule_id="R1",
        explanation=format_lazy(
            _("Ask about nerve-root signs ({reasons}). One-sided, stable and mild: GP "
              "assessment outside the PGP pathway. Weakness getting worse: urgent."),
            reasons=get_text_list(reasons, _("and")),
        ),
        source=SRC_RED_FLAGS,
    ),)


# R2 / R4 Diagnosis --------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """One criterion of a suggestion: met (True), not met (False) or not recorded (None), and
    the form field where it is recorded."""

    code: str
    label: str
    met: bool | None
    field: str

    @property
    def missing(self) -> bool:
        return self.met is not True


@dataclass(frozen=True, kw_only=True)
class DiagnosisResult(RuleResult):
    diagnosis: DiagnosisSuggestion
    criteria: tuple[Criterion, ...] = ()

    @property
    def criteria_met(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.missing)

    @property
    def criteria_missing(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.missing)


THIRD_TRIMESTER_FROM_GA_DAYS = 196  # 28+0

_DIAGNOSIS_RULES = {
    DiagnosisSuggestion.RED_FLAG: (
        "R1",
        _("A red flag is present and its action is not recorded yet; it outranks every other "
          "suggestion."),
        SRC_RED_FLAGS,
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
        _("Pelvic pain location, but not every criterion for likely pelvic girdle pain is met "
          "or recorded: see what is missing."),
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


def _matching_test_field(regions: frozenset) -> str:
    if regions_in(regions, ANTERIOR_PELVIC_REGIONS) and not regions_in(
            regions, POSTERIOR_PELVIC_REGIONS):
        return JOINT_TEST_FIELDS[Joint.SYMPHYSIS]
    return JOINT_TEST_FIELDS[Joint.SIJ_LEFT]


def _pgp_criteria(regions, lumbar_movement_normal, neuro_screen_normal, findings):
    """The four criteria of likely PGP (brief section 10.3 rule 2)."""
    pelvic = regions_in(regions, PELVIC_REGIONS)
    below_knee = regions_in(regions, BELOW_KNEE_REGIONS)
    return (
        Criterion("pelvic_location", _("Pain at the back of the pelvis or at the symphysis"),
                  pelvic, "id_pain_regions_0"),
        Criterion("lumbar_movement", _("Lumbar movement recorded normal"),
                  lumbar_movement_normal, "id_lumbar_movement"),
        Criterion("neuro_screen",
                  _("Neuro screen recorded normal (strength, sensation, reflexes, "
                    "straight-leg raise)"),
                  neuro_screen_normal, "id_neuro_strength"),
        Criterion("no_below_knee", _("No pain below the knee"), not below_knee,
                  "id_pain_regions_0"),
        Criterion("matching_test",
                  _("A pelvic test positive with her familiar pain where it hurts"),
                  _matching_positive_test(regions, findings), _matching_test_field(regions)),
    )


def _lumbar_criteria(regions, lumbar_movement_normal, neuro_screen_normal, findings):
    return (
        Criterion("lumbar_movement_abnormal", _("Lumbar movement recorded abnormal"),
                  None if lumbar_movement_normal is None else not lumbar_movement_normal,
                  "id_lumbar_movement"),
        Criterion("neuro_abnormal", _("Neuro screen abnormal"),
                  None if neuro_screen_normal is None else not neuro_screen_normal,
                  "id_neuro_strength"),
        Criterion("below_knee", _("Pain below the knee"),
                  regions_in(regions, BELOW_KNEE_REGIONS), "id_pain_regions_0"),
        Criterion("no_positive_pelvic_test", _("No pelvic test positive"),
                  not findings.any_positive, JOINT_TEST_FIELDS[Joint.SIJ_LEFT]),
    )


def _hip_criteria(groin, limp, painful_hip_rotation, ga_days):
    return (
        Criterion("groin", _("Groin pain"), groin, "id_pain_regions_0"),
        Criterion("limp_or_rotation", _("Limp or painful hip rotation"),
                  limp or painful_hip_rotation, "id_gait"),
        Criterion("third_trimester", _("Third trimester (from 28+0)"),
                  None if ga_days is None else ga_days >= THIRD_TRIMESTER_FROM_GA_DAYS,
                  "id_seen_at"),
    )


def _diagnosis_for(
    regions, lumbar_movement_normal, neuro_screen_normal, findings, red_flag_present,
    groin_pain, limp, painful_hip_rotation, ga_days,
) -> tuple[DiagnosisSuggestion, tuple[Criterion, ...]]:
    if red_flag_present:
        return DiagnosisSuggestion.RED_FLAG, (
            Criterion("red_flag_action", _("Action for the red flag recorded"), False,
                      "red-flags"),
        )
    groin = groin_pain or regions_in(regions, GROIN_REGIONS)
    if _hip_pattern(groin, limp, painful_hip_rotation, ga_days):
        return DiagnosisSuggestion.HIP, _hip_criteria(groin, limp, painful_hip_rotation, ga_days)
    pgp = _pgp_criteria(regions, lumbar_movement_normal, neuro_screen_normal, findings)
    if all(criterion.met is True for criterion in pgp):
        return DiagnosisSuggestion.PGP_LIKELY, pgp
    lumbar = _lumbar_criteria(regions, lumbar_movement_normal, neuro_screen_normal, findings)
    if any(c.met is True for c in lumbar[:3]) and not findings.any_positive:
        return DiagnosisSuggestion.LUMBAR, lumbar
    pelvic = pgp[0].met
    return (DiagnosisSuggestion.PGP_SUSPECTED if pelvic else DiagnosisSuggestion.OTHER), pgp


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
    """R1 > R4 > R2: suggest a working diagnosis, with the criteria met and missing; None for
    an exam item means not recorded. ``red_flag_present`` means a flag is present whose action
    is not yet recorded (``RedFlagSummary.any_unhandled``)."""
    diagnosis, criteria = _diagnosis_for(
        frozenset(pain_regions), lumbar_movement_normal, neuro_screen_normal, findings,
        red_flag_present, groin_pain, limp, painful_hip_rotation, ga_days,
    )
    rule_id, explanation, source = _DIAGNOSIS_RULES[diagnosis]
    return DiagnosisResult(
        diagnosis=diagnosis, criteria=criteria, rule_id=rule_id, explanation=explanation,
        source=source,
    )


# R2 Examination completeness ----------------------------------------------------------------


@dataclass(frozen=True)
class MissingItem:
    code: str  # e.g. "p4_left", "aslr_right", "symphysis_test"
    message: str
    field: str = ""  # the html id of the form field to jump to


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
    "lumbar_movement": _("Lumbar movement is not recorded (needed to exclude a lumbar cause)."),
    "neuro_screen": _("The neuro screen is not fully recorded (strength, sensation, reflexes, "
                      "straight-leg raise; needed to exclude a lumbar cause)."),
}
_MISSING_FIELDS = {
    "p4_left": "id_test-p4_left", "p4_right": "id_test-p4_right",
    "aslr_left": "id_test-aslr_left", "aslr_right": "id_test-aslr_right",
    "symphysis_test": "id_test-symphysis_palpation_midline",
    "lumbar_movement": "id_lumbar_movement", "neuro_screen": "id_neuro_strength",
}
_SYMPHYSIS_REMINDER = _(
    "P4 and ASLR do not pick up pain at the symphysis alone; use symphysis palpation "
    "or the modified Trendelenburg test."
)


def _performed(test_results: Iterable[TestRow]) -> set[tuple[PelvicTest, Side]]:
    rows = (check_test_row(*row) for row in test_results)
    return {(test, side) for test, side, result in rows if result != TestResult.NOT_PERFORMED}


def missing_for_complete_exam(
    performed_tests: Iterable[TestRow],
    pain_regions: Iterable[str],
    *,
    lumbar_movement_recorded: bool | None = None,
    neuro_screen_recorded: bool | None = None,
) -> ExamCompleteness:
    """R2: the minimum examination (P4 and ASLR both sides, symphysis test if anterior pain)
    and, when the caller says they are not recorded, the lumbar movement and neuro screen that
    exclude a lumbar cause (None: not checked)."""
    done = _performed(performed_tests)
    required = [(PelvicTest.P4, side) for side in (Side.LEFT, Side.RIGHT)]
    required += [(PelvicTest.ASLR, side) for side in (Side.LEFT, Side.RIGHT)]
    codes = [f"{test}_{side}" for test, side in required if (test, side) not in done]
    symphysis_done = any(test in SYMPHYSIS_TESTS for test, _side in done)
    if regions_in(pain_regions, ANTERIOR_PELVIC_REGIONS) and not symphysis_done:
        codes.append("symphysis_test")
    if lumbar_movement_recorded is False:
        codes.append("lumbar_movement")
    if neuro_screen_recorded is False:
        codes.append("neuro_screen")
    return ExamCompleteness(
        missing=tuple(
            MissingItem(code, _MISSING_MESSAGES[code], _MISSING_FIELDS[code]) for code in codes
        ),
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


IMPORTANT_PGQ_IMPROVEMENT = 11  # total score points: the smaller published MIC (Ceprnja 2019)


def no_improvement_at_follow_up(
    *,
    pain_pairs: Iterable[tuple[str, int, int]] = (),
    pgq_total_change: float | None = None,
    after_education_or_programme: bool = True,
) -> bool | None:
    """R5 rule 5 from R6: True when a follow-up shows no clinically important improvement in
    any pain score compared on the same scale and context, nor in the PGQ total; None when
    there is nothing to compare (unknown, not "no improvement") or no education or home
    programme was given last time. ``pain_pairs`` are (scale, before, after)."""
    if not after_education_or_programme:
        return None
    changes = [pain_change(scale, before, after) for scale, before, after in pain_pairs]
    if not changes and pgq_total_change is None:
        return None
    pain_improved = any(change.clinically_important for change in changes)
    pgq_improved = pgq_total_change is not None and -pgq_total_change >= IMPORTANT_PGQ_IMPROVEMENT
    return not (pain_improved or pgq_improved)


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


def postpartum_advice(
    days_postpartum: int, *, has_pain: bool | None = True
) -> PostpartumAdvice:
    """R7: postnatal review from 6 weeks; pain beyond 3 months suggests physiotherapy.
    ``has_pain`` is whether pain was recorded after the birth; None means not known."""
    if days_postpartum < 0:
        raise ValueError("days_postpartum cannot be negative")
    late = days_postpartum >= DELAYED_RECOVERY_FROM_DAYS
    delayed = has_pain is True and late
    if delayed:
        explanation = _("Pain more than 3 months after birth: suggest physiotherapy referral "
                        "and reassess for other causes.")
    elif late and has_pain is None:
        explanation = _("More than 3 months after birth, and no pain score recorded that "
                        "late: ask whether she still has pain before deciding on a referral.")
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
