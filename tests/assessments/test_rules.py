"""Table-driven tests for the pure PGP catalogue and decision rules (no database)."""

import pytest
from django.conf import settings
from django.utils import translation

from assessments import catalogue
from assessments.catalogue import (
    DEFAULT_ICD10,
    PELVIC_TESTS,
    RED_FLAGS,
    SUBGROUP_PATIENT_LABELS,
    AslrScore,
    DiagnosisSuggestion,
    PainScale,
    PelvicTest,
    PrognosticFlag,
    RedFlag,
    RedFlagFamily,
    Side,
    Subgroup,
    TestRegion,
    TestResult,
    Urgency,
    allowed_results,
)
from assessments.rules import (
    ALL_JOINTS,
    JointFindings,
    RedFlagAnswer,
    aslr_positive,
    aslr_total,
    count_positive_provocation_tests,
    fear_phrases,
    is_positive,
    joint_findings,
    missing_for_complete_exam,
    pain_change,
    postpartum_advice,
    prognostic_flags,
    red_flag_summary,
    suggest_diagnosis,
    suggest_subgroup,
    vital_signs_flags,
)

POS, NOT_FAM, TENDER = "positive_familiar", "pain_not_familiar", "tenderness_only"
NEG, NOT_DONE = "negative", "not_performed"
L, R, M = "left", "right", "midline"

SEED_ROWS = [
    ("p4", L, POS),
    ("p4", R, POS),
    ("symphysis_palpation", M, TENDER),
    ("aslr", L, NEG),
    ("aslr", R, NEG),
]
SEED_REGIONS = ["sij_left", "sij_right", "gluteal_left", "gluteal_right"]
ALL_ANSWERED_ABSENT = {code.value: "absent" for code in RedFlag}


@pytest.fixture
def english():
    """Render lazy strings in English; without project settings use a bare configuration."""
    if not settings.configured:
        settings.configure(USE_I18N=False)
    with translation.override("en"):
        yield


# Catalogue -------------------------------------------------------------------------------


def test_catalogue_describes_every_pelvic_test():
    assert set(PELVIC_TESTS) == set(PelvicTest)


PELVIC_TEST_TABLE = [
    ("p4", False, (L, R), TestRegion.POSTERIOR),
    ("faber", False, (L, R), TestRegion.POSTERIOR),
    ("gaenslen", False, (L, R), TestRegion.POSTERIOR),
    ("long_dorsal_ligament", True, (L, R), TestRegion.POSTERIOR),
    ("symphysis_palpation", True, (M,), TestRegion.ANTERIOR),
    ("modified_trendelenburg", False, (L, R), TestRegion.ANTERIOR),
    ("aslr", False, (L, R), TestRegion.FUNCTIONAL),
]


@pytest.mark.parametrize(
    ("test", "is_palpation", "sides", "region"),
    PELVIC_TEST_TABLE,
    ids=[row[0] for row in PELVIC_TEST_TABLE],
)
def test_pelvic_test_catalogue_entry(test, is_palpation, sides, region):
    info = PELVIC_TESTS[PelvicTest(test)]
    assert (info.is_palpation, info.sides, info.region) == (is_palpation, sides, region)


@pytest.mark.parametrize(
    ("test", "tenderness_allowed"),
    [("p4", False), ("modified_trendelenburg", False), ("long_dorsal_ligament", True),
     ("symphysis_palpation", True)],
)
def test_tenderness_only_is_allowed_for_palpation_tests_only(test, tenderness_allowed):
    assert (TestResult.TENDERNESS_ONLY in allowed_results(test)) is tenderness_allowed


def test_red_flag_catalogue_covers_every_code():
    assert set(RED_FLAGS) == set(RedFlag)


RED_FLAG_TABLE = [
    ("ce_bilateral_sciatica", "cauda_equina", "emergency"),
    ("ce_saddle_anaesthesia", "cauda_equina", "emergency"),
    ("ce_bladder_bowel", "cauda_equina", "emergency"),
    ("ce_sexual_dysfunction", "cauda_equina", "emergency"),
    ("ce_progressive_weakness", "cauda_equina", "emergency"),
    ("radicular_signs", "spinal_medical", "routine"),  # one-sided, stable, mild: GP
    ("radicular_progressive", "spinal_medical", "urgent"),  # progressive motor deficit
    ("fever_infection", "spinal_medical", "urgent"),
    ("trauma", "spinal_medical", "urgent"),
    ("malignancy", "spinal_medical", "urgent"),
    ("inflammatory_pattern", "spinal_medical", "routine"),
    ("dvt_pe", "spinal_medical", "emergency"),
    ("preterm_labour", "obstetric", "same_day"),
    ("bleeding_or_fluid", "obstetric", "same_day"),
    ("abruption", "obstetric", "emergency"),
    ("reduced_fetal_movements", "obstetric", "same_day"),
    ("preeclampsia", "obstetric", "same_day"),
    ("urinary_pyelonephritis", "spinal_medical", "same_day"),
    ("hip_groin_limp", "spinal_medical", "urgent"),
    ("severe_itching", "obstetric", "same_day"),
    ("unilateral_lower_abdominal_pain", "obstetric", "same_day"),
]


@pytest.mark.parametrize(
    ("code", "family", "urgency"), RED_FLAG_TABLE, ids=[row[0] for row in RED_FLAG_TABLE]
)
def test_red_flag_family_and_urgency(code, family, urgency):
    info = RED_FLAGS[RedFlag(code)]
    assert (info.family, info.urgency) == (family, urgency)


def test_urgency_is_ordered_most_urgent_first():
    ranks = [Urgency(u).rank for u in ("emergency", "same_day", "urgent", "routine")]
    assert ranks == [0, 1, 2, 3]


def test_aslr_labels_run_from_not_difficult_to_unable(english):
    assert (AslrScore(0).label, AslrScore(5).label) == ("Not difficult at all", "Unable to do")


@pytest.mark.parametrize(("scale", "maximum"), [("nrs", 10), ("vas", 100)])
def test_pain_scale_range(scale, maximum):
    assert (PainScale(scale).min_value, PainScale(scale).max_value) == (0, maximum)


@pytest.mark.parametrize("subgroup", list(Subgroup), ids=lambda s: s.value)
def test_patient_label_never_talks_about_loosening(english, subgroup):
    label = str(SUBGROUP_PATIENT_LABELS[subgroup]).lower()
    assert "loos" not in label and "lysis" not in label
    assert label != str(subgroup.label).lower()


def test_default_icd10_is_o26_7():
    assert DEFAULT_ICD10 == "O26.7"


# H1 Only familiar pain counts; ASLR -----------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "expected"),
    [(POS, True), (NOT_FAM, False), (TENDER, False), (NEG, False), (NOT_DONE, False)],
)
def test_is_positive_only_for_familiar_pain(result, expected):
    assert is_positive(result) is expected


@pytest.mark.parametrize(
    ("left", "right", "total"),
    [(0, 0, 0), (1, 0, 1), (0, 1, 1), (3, 2, 5), (5, 5, 10), (None, 3, None), (3, None, None),
     (None, None, None)],
    ids=["zero", "left-1", "right-1", "mixed", "max", "left-missing", "right-missing",
         "both-missing"],
)
def test_aslr_total(left, right, total):
    assert aslr_total(left, right) == total


@pytest.mark.parametrize(("left", "right"), [(-1, 0), (6, 0), (0, 6), (0, -1), (6, None)])
def test_aslr_total_rejects_side_scores_outside_0_to_5(left, right):
    with pytest.raises(ValueError):
        aslr_total(left, right)


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, False), (1, True), (2, True), (10, True), (None, None)],
    ids=["0-negative", "1-positive", "2-positive", "10-positive", "not-scored-is-unknown"],
)
def test_aslr_positive_from_total_of_one(total, expected):
    assert aslr_positive(total) is expected


@pytest.mark.parametrize("total", [-1, 11])
def test_aslr_positive_rejects_total_outside_0_to_10(total):
    with pytest.raises(ValueError):
        aslr_positive(total)


# Joint findings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([], (False, False, False), id="no-rows"),
        pytest.param([("p4", L, POS)], (True, False, False), id="p4-left"),
        pytest.param([("faber", R, POS)], (False, True, False), id="faber-right"),
        pytest.param([("gaenslen", L, POS)], (True, False, False), id="gaenslen-left"),
        pytest.param([("long_dorsal_ligament", R, POS)], (False, True, False), id="ldl-right"),
        pytest.param([("long_dorsal_ligament", R, TENDER)], (False, False, False),
                     id="ldl-tenderness-only-never-counts"),
        pytest.param([("symphysis_palpation", M, TENDER)], (False, False, False),
                     id="symphysis-tenderness-only-never-counts"),
        pytest.param([("symphysis_palpation", M, POS)], (False, False, True),
                     id="symphysis-palpation"),
        pytest.param([("modified_trendelenburg", R, POS)], (False, False, True),
                     id="trendelenburg-right-is-symphysis"),
        pytest.param([("p4", L, NOT_FAM), ("faber", L, NEG), ("gaenslen", L, NOT_DONE)],
                     (False, False, False), id="unfamiliar-negative-not-done"),
        pytest.param([("aslr", L, POS)], (False, False, False), id="aslr-is-not-a-joint-test"),
        pytest.param(SEED_ROWS, (True, True, False), id="seed-case"),
    ],
)
def test_joint_findings(rows, expected):
    findings = joint_findings(rows)
    assert (findings.sij_left, findings.sij_right, findings.symphysis) == expected


@pytest.mark.parametrize(
    "row",
    [("p4", L, TENDER), ("modified_trendelenburg", R, TENDER), ("symphysis_palpation", L, POS),
     ("p4", M, POS), ("no_such_test", L, POS), ("p4", L, "maybe")],
    ids=["tenderness-on-p4", "tenderness-on-trendelenburg", "symphysis-with-side",
         "p4-midline", "unknown-test", "unknown-result"],
)
def test_joint_findings_rejects_impossible_rows(row):
    with pytest.raises(ValueError):
        joint_findings([row])


# R3 Sub-group ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sij_left", "sij_right", "symphysis", "history", "subgroup"),
    [
        pytest.param(True, True, True, True, "pelvic_girdle_syndrome", id="all-three"),
        pytest.param(False, False, True, True, "symphyseal", id="symphysis-only"),
        pytest.param(True, False, False, True, "one_sided_sij_left", id="left-sij-only"),
        pytest.param(False, True, False, True, "one_sided_sij_right", id="right-sij-only"),
        pytest.param(True, True, False, True, "double_sided_sij", id="both-sij"),
        pytest.param(True, False, True, True, "miscellaneous", id="left-sij-and-symphysis"),
        pytest.param(False, True, True, False, "miscellaneous", id="right-sij-and-symphysis"),
        pytest.param(False, False, False, True, "miscellaneous", id="history-no-positive-tests"),
        pytest.param(False, False, False, False, "not_classified", id="nothing"),
    ],
)
def test_suggest_subgroup_table(sij_left, sij_right, symphysis, history, subgroup):
    findings = JointFindings(sij_left=sij_left, sij_right=sij_right, symphysis=symphysis,
                             examined=frozenset(ALL_JOINTS))
    result = suggest_subgroup(findings, has_pelvic_pain_history=history)
    assert (result.subgroup, result.rule_id) == (subgroup, "R3")


def test_seed_case_is_double_sided_sij():
    result = suggest_subgroup(joint_findings(SEED_ROWS), has_pelvic_pain_history=True)
    assert result.subgroup == Subgroup.DOUBLE_SIDED_SIJ
    assert "Albert" in result.source


# R1 Red flags ------------------------------------------------------------------------------


def test_red_flag_summary_all_absent_has_no_blockers():
    summary = red_flag_summary(ALL_ANSWERED_ABSENT)
    assert (summary.present, summary.highest_urgency, summary.can_sign) == ((), None, True)
    assert summary.rule_id == "R1"


def test_red_flags_present_are_sorted_most_urgent_first():
    answers = ALL_ANSWERED_ABSENT | {
        "inflammatory_pattern": RedFlagAnswer("present", "Rheumatology referral sent"),
        "preterm_labour": RedFlagAnswer("present", "Sent to birth unit"),
        "ce_saddle_anaesthesia": RedFlagAnswer("present", "Ambulance to hospital"),
        "trauma": RedFlagAnswer("present", "Seen by GP"),
    }
    summary = red_flag_summary(answers)
    codes = [p.info.code for p in summary.present]
    assert codes == ["ce_saddle_anaesthesia", "preterm_labour", "trauma", "inflammatory_pattern"]
    assert summary.highest_urgency == Urgency.EMERGENCY
    assert summary.can_sign


@pytest.mark.parametrize(
    ("changes", "blockers"),
    [
        pytest.param({"ce_bladder_bowel": "not_asked"}, [("ce_bladder_bowel", "not_answered")],
                     id="cauda-equina-not-asked"),
        pytest.param({"reduced_fetal_movements": "not_asked"},
                     [("reduced_fetal_movements", "not_answered")], id="obstetric-not-asked"),
        pytest.param({"malignancy": "not_asked"}, [], id="spinal-medical-not-asked-is-ok"),
        pytest.param({"dvt_pe": "present"}, [("dvt_pe", "action_missing")],
                     id="present-without-action"),
        pytest.param({"dvt_pe": RedFlagAnswer("present", "   ")}, [("dvt_pe", "action_missing")],
                     id="present-with-blank-action"),
        pytest.param({"dvt_pe": RedFlagAnswer("present", "Sent to emergency department")}, [],
                     id="present-with-action"),
    ],
)
def test_red_flag_signing_blockers(changes, blockers):
    summary = red_flag_summary(ALL_ANSWERED_ABSENT | changes)
    assert [(b.flag, b.reason) for b in summary.signing_blockers] == blockers


def test_red_flag_items_left_out_block_signing_for_cauda_equina_and_obstetric_only():
    summary = red_flag_summary({})
    blocked = {b.flag for b in summary.signing_blockers}
    must_answer = {c for c, i in RED_FLAGS.items() if i.family != RedFlagFamily.SPINAL_MEDICAL}
    assert blocked == must_answer
    assert RedFlag.CE_SADDLE_ANAESTHESIA in blocked and not summary.can_sign


@pytest.mark.parametrize(
    "answers",
    [{"no_such_flag": "absent"}, {"trauma": "perhaps"}],
    ids=["unknown-flag", "unknown-status"],
)
def test_red_flag_summary_rejects_unknown_codes(answers):
    with pytest.raises(ValueError):
        red_flag_summary(answers)


@pytest.mark.parametrize(
    ("systolic", "diastolic", "temperature", "ga_days", "postpartum", "flags"),
    [
        pytest.param(150, 80, 36.8, 150, None, ["preeclampsia"], id="systolic-150-at-21w"),
        pytest.param(130, 95, 36.8, 150, None, ["preeclampsia"], id="diastolic-95-at-21w"),
        pytest.param(140, 90, 36.8, 140, None, ["preeclampsia"], id="140-90-at-20+0"),
        pytest.param(140, 90, 36.8, 139, None, [], id="140-90-at-19+6"),
        pytest.param(139, 89, 36.8, 226, None, [], id="139-89-at-32+2"),
        pytest.param(150, 95, None, None, 10, ["preeclampsia"], id="postpartum-day-10"),
        pytest.param(150, 95, None, None, 40, [], id="postpartum-day-40"),
        pytest.param(120, 70, 38.0, 226, None, ["fever_infection"], id="temp-38.0"),
        pytest.param(120, 70, 37.9, 226, None, [], id="temp-37.9"),
        pytest.param(160, 100, 38.5, 226, None, ["preeclampsia", "fever_infection"], id="both"),
        pytest.param(None, None, None, 226, None, [], id="nothing-measured"),
    ],
)
def test_vital_signs_flags(systolic, diastolic, temperature, ga_days, postpartum, flags):
    prompts = vital_signs_flags(systolic, diastolic, temperature, ga_days,
                                days_postpartum=postpartum)
    assert [p.flag for p in prompts] == flags
    assert all(p.rule_id == "R1" for p in prompts)


@pytest.mark.parametrize(
    ("systolic", "diastolic", "temperature"),
    [(59, 80, 37.0), (251, 80, 37.0), (120, 29, 37.0), (120, 151, 37.0), (120, 80, 33.9),
     (120, 80, 42.1)],
    ids=["sys-59", "sys-251", "dia-29", "dia-151", "temp-33.9", "temp-42.1"],
)
def test_vital_signs_reject_implausible_values(systolic, diastolic, temperature):
    with pytest.raises(ValueError):
        vital_signs_flags(systolic, diastolic, temperature, 200)


# R2 / R4 Diagnosis -------------------------------------------------------------------------

SEED_FINDINGS = JointFindings(sij_left=True, sij_right=True)
NO_FINDINGS = JointFindings()
SYMPHYSIS_FINDINGS = JointFindings(symphysis=True)
SEED_EXAM = {
    "pain_regions": SEED_REGIONS,
    "lumbar_movement_normal": True,
    "neuro_screen_normal": True,
    "findings": SEED_FINDINGS,
    "red_flag_present": False,
    "ga_days": 226,
}


@pytest.mark.parametrize(
    ("changes", "diagnosis", "rule_id"),
    [
        pytest.param({}, "pgp_likely", "R2", id="seed-case"),
        pytest.param({"red_flag_present": True}, "red_flag", "R1",
                     id="red-flag-outranks-perfect-pgp"),
        pytest.param({"red_flag_present": True, "limp": True, "groin_pain": True}, "red_flag",
                     "R1", id="red-flag-outranks-hip"),
        pytest.param({"groin_pain": True, "limp": True}, "hip", "R4", id="hip-limp-28+0-plus"),
        pytest.param({"pain_regions": ["groin_right"], "painful_hip_rotation": True,
                      "ga_days": 196}, "hip", "R4", id="hip-groin-region-at-28+0"),
        pytest.param({"pain_regions": ["groin_right"], "painful_hip_rotation": True,
                      "ga_days": 195, "findings": NO_FINDINGS}, "other", "R2",
                     id="hip-pattern-at-27+6-not-hip"),
        pytest.param({"groin_pain": True}, "pgp_likely", "R2", id="groin-without-limp-not-hip"),
        pytest.param({"lumbar_movement_normal": False, "findings": NO_FINDINGS}, "lumbar", "R2",
                     id="lumbar-movement-abnormal-no-tests"),
        pytest.param({"neuro_screen_normal": False, "findings": NO_FINDINGS}, "lumbar", "R2",
                     id="neuro-abnormal-no-tests"),
        pytest.param({"pain_regions": ["lumbar", "below_knee_left"], "findings": NO_FINDINGS},
                     "lumbar", "R2", id="below-knee-pain-no-tests"),
        pytest.param({"pain_regions": SEED_REGIONS + ["below_knee_left"]}, "pgp_suspected", "R2",
                     id="below-knee-pain-with-positive-tests"),
        pytest.param({"neuro_screen_normal": None}, "pgp_suspected", "R2",
                     id="neuro-not-recorded"),
        pytest.param({"lumbar_movement_normal": None, "findings": NO_FINDINGS},
                     "pgp_suspected", "R2", id="lumbar-not-recorded-no-tests"),
        pytest.param({"findings": NO_FINDINGS}, "pgp_suspected", "R2",
                     id="pelvic-pain-no-positive-test"),
        pytest.param({"pain_regions": ["symphysis"], "findings": SYMPHYSIS_FINDINGS},
                     "pgp_likely", "R2", id="symphysis-pain-symphysis-positive"),
        pytest.param({"pain_regions": ["symphysis"]}, "pgp_suspected", "R2",
                     id="symphysis-pain-only-sij-positive"),
        pytest.param({"findings": SYMPHYSIS_FINDINGS}, "pgp_suspected", "R2",
                     id="posterior-pain-only-symphysis-positive"),
        pytest.param({"pain_regions": ["coccyx"], "findings": NO_FINDINGS}, "other", "R2",
                     id="coccyx-only"),
        pytest.param({"pain_regions": [], "findings": NO_FINDINGS}, "other", "R2",
                     id="no-pain-location"),
    ],
)
def test_suggest_diagnosis(changes, diagnosis, rule_id):
    result = suggest_diagnosis(**(SEED_EXAM | changes))
    assert (result.diagnosis, result.rule_id) == (diagnosis, rule_id)


def test_seed_case_end_to_end_is_pgp_likely():
    result = suggest_diagnosis(**(SEED_EXAM | {"findings": joint_findings(SEED_ROWS)}))
    assert result.diagnosis == DiagnosisSuggestion.PGP_LIKELY
    assert "Vleeming" in result.source


# R2 Examination completeness ---------------------------------------------------------------

FULL_POSTERIOR = [("p4", L, POS), ("p4", R, NEG), ("aslr", L, NEG), ("aslr", R, NEG)]


@pytest.mark.parametrize(
    ("rows", "regions", "missing"),
    [
        pytest.param(FULL_POSTERIOR, ["sij_left"], [], id="complete-posterior"),
        pytest.param([], ["sij_left"], ["p4_left", "p4_right", "aslr_left", "aslr_right"],
                     id="nothing-recorded"),
        pytest.param([("p4", L, POS), ("p4", R, NOT_DONE), ("aslr", L, NEG), ("aslr", R, NEG)],
                     ["sij_left"], ["p4_right"], id="not-performed-is-missing-not-negative"),
        pytest.param(FULL_POSTERIOR[:2], ["sij_left"], ["aslr_left", "aslr_right"],
                     id="aslr-missing"),
        pytest.param(FULL_POSTERIOR, ["symphysis"], ["symphysis_test"],
                     id="anterior-pain-needs-symphysis-test"),
        pytest.param(FULL_POSTERIOR + [("symphysis_palpation", M, NOT_DONE)], ["symphysis"],
                     ["symphysis_test"], id="symphysis-palpation-not-performed"),
        pytest.param(FULL_POSTERIOR + [("symphysis_palpation", M, TENDER)], ["symphysis"], [],
                     id="symphysis-palpation-tenderness-counts-as-done"),
        pytest.param(FULL_POSTERIOR + [("modified_trendelenburg", L, NEG)], ["symphysis"], [],
                     id="trendelenburg-is-enough"),
    ],
)
def test_missing_for_complete_exam(rows, regions, missing):
    result = missing_for_complete_exam(rows, regions)
    assert list(result.missing_codes) == missing
    assert result.is_complete is (not missing)


@pytest.mark.parametrize(
    ("rows", "reminded"),
    [
        pytest.param(FULL_POSTERIOR, True, id="no-symphysis-test"),
        pytest.param(FULL_POSTERIOR + [("symphysis_palpation", M, NEG)], False,
                     id="symphysis-tested"),
    ],
)
def test_exam_reminds_that_p4_and_aslr_miss_isolated_symphyseal_pain(rows, reminded):
    assert bool(missing_for_complete_exam(rows, ["sij_left"]).reminders) is reminded


# R5 Prognosis ------------------------------------------------------------------------------

BASE_PROGNOSIS = {"test_results": [("p4", L, POS)], "pain_regions": ["sij_left"]}


@pytest.mark.parametrize(
    ("changes", "flags"),
    [
        pytest.param({}, [], id="none"),
        pytest.param({"test_results": [("p4", L, POS), ("p4", R, POS),
                                       ("symphysis_palpation", M, POS)]},
                     ["all_three_joints"], id="all-three-joints"),
        pytest.param({"test_results": [("p4", L, POS), ("faber", L, POS), ("gaenslen", L, POS)]},
                     ["many_positive_tests"], id="three-provocation-tests"),
        pytest.param({"test_results": [("p4", L, POS), ("p4", L, POS), ("faber", L, POS)]}, [],
                     id="duplicate-rows-count-once"),
        pytest.param({"test_results": [("p4", L, POS), ("long_dorsal_ligament", L, POS),
                                       ("faber", R, POS)]}, [], id="ldl-is-not-provocation"),
        pytest.param({"risk_factors": ["previous_lbp"]}, ["previous_lbp_or_pgp"],
                     id="previous-lbp"),
        pytest.param({"risk_factors": ["previous_pgp", "trauma"]}, ["previous_lbp_or_pgp"],
                     id="previous-pgp"),
        pytest.param({"risk_factors": ["trauma"]}, [], id="trauma-alone"),
        pytest.param({"onset_ga_days": 125, "pain_regions": ["lumbar", "sij_left"]},
                     ["early_combined_pain"], id="onset-17+6-combined"),
        pytest.param({"onset_ga_days": 126, "pain_regions": ["lumbar", "sij_left"]}, [],
                     id="onset-18+0-combined"),
        pytest.param({"onset_ga_days": 100, "pain_regions": ["sij_left"]}, [],
                     id="early-onset-pelvic-only"),
        pytest.param({"pain_scores": [("nrs", 7)]}, ["high_pain"], id="nrs-7"),
        pytest.param({"pain_scores": [("nrs", 6)]}, [], id="nrs-6"),
        pytest.param({"pain_scores": [("vas", 70)]}, ["high_pain"], id="vas-70"),
        pytest.param({"pain_scores": [("vas", 69), ("nrs", 3)]}, [], id="vas-69"),
        pytest.param({"yellow_flags": {"distress": "yes"}}, ["fear_or_distress"], id="distress"),
        pytest.param({"yellow_flags": {"fear_of_movement": "yes"}}, ["fear_or_distress"],
                     id="fear-of-movement"),
        pytest.param({"yellow_flags": {"catastrophising": "yes"}}, ["fear_or_distress"],
                     id="catastrophising"),
        pytest.param({"yellow_flags": {"fear_of_movement": "not_asked",
                                       "worry_baby_birth": "yes"}}, [],
                     id="not-asked-and-other-yellow-flags"),
        pytest.param({"no_improvement_at_follow_up": True}, ["no_improvement"],
                     id="no-improvement"),
    ],
)
def test_prognostic_flags(changes, flags):
    result = prognostic_flags(**(BASE_PROGNOSIS | changes))
    assert list(result.flags) == flags
    assert result.suggest_specialised_referral is bool(flags)
    assert result.rule_id == "R5"


def test_count_positive_provocation_tests_across_sides():
    rows = [("p4", L, POS), ("p4", R, POS), ("modified_trendelenburg", L, POS),
            ("gaenslen", R, NOT_FAM), ("faber", L, NOT_DONE)]
    assert count_positive_provocation_tests(rows) == 3


def test_prognostic_flags_reject_out_of_range_pain():
    with pytest.raises(ValueError):
        prognostic_flags(test_results=[], pain_regions=[], pain_scores=[("nrs", 11)])


def test_prognostic_flags_cover_every_flag_code():
    covered = {"all_three_joints", "many_positive_tests", "previous_lbp_or_pgp",
               "early_combined_pain", "high_pain", "fear_or_distress", "no_improvement"}
    assert covered == {flag.value for flag in PrognosticFlag}


# R6 Pain change ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "before", "after", "important", "worsening"),
    [
        pytest.param("nrs", 8, 6, True, False, id="nrs-8-to-6-two-points"),
        pytest.param("nrs", 8, 7, False, False, id="nrs-8-to-7-one-point-12pct"),
        pytest.param("nrs", 10, 7, True, False, id="nrs-10-to-7"),
        pytest.param("nrs", 3, 2, True, False, id="nrs-3-to-2-33pct"),
        pytest.param("nrs", 4, 3, False, False, id="nrs-4-to-3-25pct"),
        pytest.param("nrs", 8, 3, True, False, id="seed-8-to-3"),
        pytest.param("nrs", 5, 5, False, False, id="nrs-unchanged"),
        pytest.param("nrs", 4, 6, False, True, id="nrs-4-to-6-worse-two-points"),
        pytest.param("nrs", 6, 7, False, False, id="nrs-6-to-7-worse-17pct"),
        pytest.param("nrs", 0, 1, False, False, id="nrs-from-zero-one-point"),
        pytest.param("nrs", 0, 2, False, True, id="nrs-from-zero-two-points"),
        pytest.param("vas", 60, 45, True, False, id="vas-60-to-45-15mm"),
        pytest.param("vas", 60, 46, False, False, id="vas-60-to-46-14mm-23pct"),
        pytest.param("vas", 40, 28, True, False, id="vas-40-to-28-exactly-30pct"),
        pytest.param("vas", 40, 29, False, False, id="vas-40-to-29-27pct"),
        pytest.param("vas", 50, 65, False, True, id="vas-50-to-65-worse-15mm"),
        pytest.param("vas", 0, 10, False, False, id="vas-from-zero-10mm"),
    ],
)
def test_pain_change_thresholds(scale, before, after, important, worsening):
    result = pain_change(scale, before, after)
    assert (result.clinically_important, result.worsening) == (important, worsening)
    assert (result.change, result.rule_id) == (after - before, "R6")


@pytest.mark.parametrize(
    ("scale", "before", "after", "percent"),
    [("nrs", 8, 6, -25.0), ("vas", 40, 28, -30.0), ("nrs", 0, 3, None), ("nrs", 4, 6, 50.0)],
    ids=["minus-25", "minus-30", "before-zero", "plus-50"],
)
def test_pain_change_percent(scale, before, after, percent):
    assert pain_change(scale, before, after).percent == percent


@pytest.mark.parametrize(
    ("scale", "before", "after"),
    [("nrs", 11, 5), ("nrs", 5, -1), ("vas", 101, 50), ("nrs", 5.5, 3), ("mm", 5, 3)],
    ids=["nrs-11", "nrs-negative", "vas-101", "nrs-decimal", "unknown-scale"],
)
def test_pain_change_rejects_invalid_input(scale, before, after):
    with pytest.raises(ValueError):
        pain_change(scale, before, after)


# R7 Postpartum -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "has_pain", "review_due", "physio"),
    [
        pytest.param(0, True, False, False, id="day-0"),
        pytest.param(41, True, False, False, id="day-41"),
        pytest.param(42, True, True, False, id="6-weeks"),
        pytest.param(56, True, True, False, id="8-weeks"),
        pytest.param(90, True, True, False, id="day-90"),
        pytest.param(91, True, True, True, id="day-91-with-pain"),
        pytest.param(200, False, True, False, id="day-200-pain-free"),
    ],
)
def test_postpartum_advice(days, has_pain, review_due, physio):
    advice = postpartum_advice(days, has_pain=has_pain)
    assert (advice.review_due, advice.suggest_physiotherapy_referral) == (review_due, physio)
    assert advice.reassess_other_causes is physio
    assert advice.rule_id == "R7"


def test_postpartum_advice_rejects_negative_days():
    with pytest.raises(ValueError):
        postpartum_advice(-1)


# R9 Fear phrases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "phrases"),
    [
        pytest.param("Du har løse led i bækkenet.", "da", ["løse led"], id="da-loese-led"),
        pytest.param("Det er et skævt bækken.", "da", ["skævt bækken"], id="da-skaevt"),
        pytest.param("Undgå trapper de næste uger.", "da", ["undgå trapper"], id="da-trapper"),
        pytest.param("Gå med små skridt.", "da", ["små skridt"], id="da-smaa-skridt"),
        pytest.param("Undgå asymmetriske bevægelser!", "da", ["undgå asymmetriske bevægelser"],
                     id="da-asymmetriske"),
        pytest.param("HOLD KNÆENE SAMLET når du vender dig.", "da", ["hold knæene samlet"],
                     id="da-upper-case"),
        pytest.param("Du har bækkenløsning.", "da", ["bækkenløsning"], id="da-baekkenloesning"),
        pytest.param("Bækkenløsningen går over.", "da", ["bækkenløsning"],
                     id="da-baekkenloesning-definite"),
        pytest.param("Et løst bækken", "da", ["løst bækken"], id="da-loest-baekken"),
        pytest.param("Undgå   trapper", "da", ["undgå trapper"], id="da-extra-spaces"),
        pytest.param("You have loose joints.", "en", ["loose joints"], id="en-loose-joints"),
        pytest.param("A Loose Pelvis", "en", ["loose pelvis"], id="en-title-case"),
        pytest.param("Your pelvis out of line", "en", ["pelvis out of line"], id="en-out-of-line"),
        pytest.param("a misaligned pelvis", "en", ["misaligned pelvis"], id="en-misaligned"),
        pytest.param("Avoid stairs and take small steps.", "en", ["avoid stairs", "small steps"],
                     id="en-two-hits-in-order"),
        pytest.param("Avoid asymmetric movements.", "en", ["avoid asymmetric movements"],
                     id="en-asymmetric"),
        pytest.param("Keep your knees together.", "en", ["keep your knees together"],
                     id="en-knees"),
        pytest.param("an unstable pelvis", "en", ["unstable pelvis"], id="en-unstable"),
    ],
)
def test_fear_phrases_hits(text, language, phrases):
    hits = fear_phrases(text, language)
    assert [hit.phrase for hit in hits] == phrases
    assert all(hit.alternative_en and hit.alternative_da and hit.rule_id == "R9" for hit in hits)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Gå gerne på trapper og brug gelænderet. Bevæg dig frit.", "da",
                     id="da-clean"),
        pytest.param("Tjek de løse ledninger til lampen.", "da", id="da-part-of-longer-word"),
        pytest.param("Stairs are fine; use the handrail and take your time.", "en",
                     id="en-clean"),
        pytest.param("Undgå trapper", "en", id="danish-phrase-in-english-mode"),
    ],
)
def test_fear_phrases_clean_text_has_no_hits(text, language):
    assert fear_phrases(text, language) == []


def test_fear_phrases_reports_position_and_matched_text():
    text = "Husk: UNDGÅ TRAPPER."
    (hit,) = fear_phrases(text, "da")
    assert (hit.matched, text[hit.start:hit.end]) == ("UNDGÅ TRAPPER", "UNDGÅ TRAPPER")
    assert "gelænderet" in hit.alternative_da and "handrail" in hit.alternative_en


def test_fear_phrases_without_language_checks_both():
    assert [h.phrase for h in fear_phrases("Små skridt, small steps", None)] == [
        "små skridt", "small steps"
    ]


def test_fear_phrases_rejects_unknown_language():
    with pytest.raises(ValueError):
        fear_phrases("text", "de")


# Catalogue texts --------------------------------------------------------------------------


def test_side_codes():
    assert [s.value for s in Side] == ["left", "right", "midline"]


def test_every_catalogue_text_renders(english):
    choice_classes = [
        obj for obj in vars(catalogue).values()
        if isinstance(obj, type) and issubclass(obj, catalogue.models.Choices)
        and obj.__module__ == catalogue.__name__
    ]
    texts = [label for cls in choice_classes for _value, label in cls.choices]
    texts += [t for info in PELVIC_TESTS.values() for t in (info.how_to, info.positive_when)]
    texts += [info.action for info in RED_FLAGS.values()]
    texts += list(SUBGROUP_PATIENT_LABELS.values())
    assert len(choice_classes) >= 20
    assert all(str(text).strip() for text in texts)
