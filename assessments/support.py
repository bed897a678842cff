"""Decision support for one consultation: every rule applied to the values on the page.

Pure: plain values in (from a form or a saved record), one DecisionSupport out. The page
shows it live while the clinician types, and the record stores the suggestion beside the
clinician's decision.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import rules
from .catalogue import BELOW_KNEE_REGIONS, PELVIC_REGIONS, TestResult, regions_in

NEURO_NAMES = ("strength", "sensation", "reflexes", "slr")


@dataclass(frozen=True)
class FollowUpInput:
    """What the last visit allows to compare (R5 rule 5 from R6 and the PGQ)."""

    pain_pairs: tuple = ()  # (scale, before, after) on the same scale and context
    pgq_total_change: float | None = None
    after_education_or_programme: bool = True


@dataclass(frozen=True)
class ExamInput:
    """What the rules need to know about a consultation; None means not recorded."""

    pain_regions: frozenset = frozenset()
    test_rows: tuple = ()  # (test, side, result) codes
    aslr_left: int | None = None
    aslr_right: int | None = None
    red_flags: Mapping[str, rules.RedFlagAnswer] = field(default_factory=dict)
    lumbar_movement: str = ""  # "normal" / "abnormal" / ""
    neuro: tuple = ()  # strength, sensation, reflexes, SLR: "normal" / "abnormal" / ""
    gait: str = ""
    painful_hip_rotation: bool = False
    pain_scores: tuple = ()  # (scale, value)
    risk_factors: tuple = ()
    yellow_flags: Mapping[str, str] = field(default_factory=dict)
    onset_ga_weeks: int | None = None
    ga_days: int | None = None
    postpartum_days: int | None = None
    systolic: int | None = None
    diastolic: int | None = None
    temperature: float | None = None
    follow_up: FollowUpInput | None = None  # None: no earlier visit to compare with


@dataclass(frozen=True)
class DecisionSupport:
    diagnosis: rules.DiagnosisResult
    subgroup: rules.SubgroupResult
    red_flags: rules.RedFlagSummary
    vital_prompts: tuple
    completeness: rules.ExamCompleteness
    prognosis: rules.PrognosticResult
    aslr_total: int | None
    language_hits: tuple = ()  # (field, FearPhraseHit) in texts that reach her handouts
    radicular_prompts: tuple = ()
    no_improvement: bool | None = None  # None: nothing to compare with

    @property
    def prompts(self):
        """Every prompt to complete the red-flag screen (vital signs, nerve-root signs)."""
        return self.vital_prompts + self.radicular_prompts

    @property
    def aslr_positive(self):
        return rules.aslr_positive(self.aslr_total)


def _all_normal(findings: Iterable[str]) -> bool | None:
    """True if every finding is normal, False if any is abnormal, None if not all recorded."""
    findings = list(findings)
    if "abnormal" in findings:
        return False
    if findings and all(f == "normal" for f in findings):
        return True
    return None


def _finding(value: str) -> bool | None:
    return {"normal": True, "abnormal": False}.get(value)


def _no_improvement(follow_up: FollowUpInput | None) -> bool | None:
    if follow_up is None:
        return None
    return rules.no_improvement_at_follow_up(
        pain_pairs=follow_up.pain_pairs,
        pgq_total_change=follow_up.pgq_total_change,
        after_education_or_programme=follow_up.after_education_or_programme,
    )


def decision_support(exam: ExamInput) -> DecisionSupport:
    """Apply R1–R6 to one consultation's values."""
    rows = list(exam.test_rows) + [
        ("aslr", side, TestResult.NOT_PERFORMED if score is None else TestResult.NEGATIVE)
        for side, score in (("left", exam.aslr_left), ("right", exam.aslr_right))
    ]
    findings = rules.joint_findings(rows)
    red_flags = rules.red_flag_summary(exam.red_flags)
    lumbar_movement = _finding(exam.lumbar_movement)
    neuro = _all_normal(exam.neuro)
    diagnosis = rules.suggest_diagnosis(
        pain_regions=exam.pain_regions,
        lumbar_movement_normal=lumbar_movement,
        neuro_screen_normal=neuro,
        findings=findings,
        red_flag_present=red_flags.any_unhandled,
        limp=exam.gait == "abnormal",
        painful_hip_rotation=exam.painful_hip_rotation,
        ga_days=exam.ga_days,
    )
    onset_days = exam.onset_ga_weeks * 7 if exam.onset_ga_weeks is not None else None
    no_improvement = _no_improvement(exam.follow_up)
    return DecisionSupport(
        diagnosis=diagnosis,
        subgroup=rules.suggest_subgroup(
            findings, has_pelvic_pain_history=bool(exam.pain_regions & PELVIC_REGIONS)
        ),
        red_flags=red_flags,
        vital_prompts=rules.vital_signs_flags(
            exam.systolic, exam.diastolic, exam.temperature, exam.ga_days,
            days_postpartum=exam.postpartum_days,
        ),
        radicular_prompts=rules.radicular_prompts(
            neuro=dict(zip(NEURO_NAMES, exam.neuro, strict=False)),
            below_knee_pain=regions_in(exam.pain_regions, BELOW_KNEE_REGIONS),
            answers=exam.red_flags,
        ),
        completeness=rules.missing_for_complete_exam(
            rows, exam.pain_regions,
            lumbar_movement_recorded=lumbar_movement is not None,
            neuro_screen_recorded=neuro is not None,
        ),
        prognosis=rules.prognostic_flags(
            test_results=rows,
            pain_regions=exam.pain_regions,
            risk_factors=exam.risk_factors,
            onset_ga_days=onset_days,
            pain_scores=exam.pain_scores,
            yellow_flags=exam.yellow_flags,
            no_improvement_at_follow_up=no_improvement is True,
        ),
        aslr_total=rules.aslr_total(exam.aslr_left, exam.aslr_right),
        no_improvement=no_improvement,
    )
