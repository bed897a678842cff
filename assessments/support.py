"""Decision support for one consultation: every rule applied to the values on the page.

Pure: plain values in (from a form or a saved record), one DecisionSupport out. The page
shows it live while the clinician types, and the record stores the suggestion beside the
clinician's decision.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import rules
from .catalogue import PELVIC_REGIONS, TestResult


@dataclass(frozen=True)
class ExamInput:
    """What the rules need to know about a consultation; None means not recorded."""

    pain_regions: frozenset = frozenset()
    test_rows: tuple = ()  # (test, side, result) codes
    aslr_left: int | None = None
    aslr_right: int | None = None
    red_flags: Mapping[str, rules.RedFlagAnswer] = field(default_factory=dict)
    lumbar_movement: str = ""  # "normal" / "abnormal" / ""
    neuro: tuple = ()  # the neuro screen findings, each "normal" / "abnormal" / ""
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


def decision_support(exam: ExamInput) -> DecisionSupport:
    """Apply R1–R5 to one consultation's values."""
    rows = list(exam.test_rows) + [
        ("aslr", side, TestResult.NOT_PERFORMED if score is None else TestResult.NEGATIVE)
        for side, score in (("left", exam.aslr_left), ("right", exam.aslr_right))
    ]
    findings = rules.joint_findings(rows)
    red_flags = rules.red_flag_summary(exam.red_flags)
    diagnosis = rules.suggest_diagnosis(
        pain_regions=exam.pain_regions,
        lumbar_movement_normal=_finding(exam.lumbar_movement),
        neuro_screen_normal=_all_normal(exam.neuro),
        findings=findings,
        red_flag_present=red_flags.any_present,
        limp=exam.gait == "abnormal",
        painful_hip_rotation=exam.painful_hip_rotation,
        ga_days=exam.ga_days,
    )
    onset_days = exam.onset_ga_weeks * 7 if exam.onset_ga_weeks is not None else None
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
        completeness=rules.missing_for_complete_exam(rows, exam.pain_regions),
        prognosis=rules.prognostic_flags(
            test_results=rows,
            pain_regions=exam.pain_regions,
            risk_factors=exam.risk_factors,
            onset_ga_days=onset_days,
            pain_scores=exam.pain_scores,
            yellow_flags=exam.yellow_flags,
        ),
        aslr_total=rules.aslr_total(exam.aslr_left, exam.aslr_right),
    )
