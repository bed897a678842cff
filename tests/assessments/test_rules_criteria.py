"""Each criterion a diagnosis suggestion shows: its status, the field it jumps to and its words.

The page lists every criterion of the suggestion as met, not met or not recorded, with a link
to the form field where it is recorded; a wrong status, link or label misleads the clinician.
Together with test_rules_mutation_gaps.py these kill the mutants of assessments/rules.py that
survived (issue 18). Pure functions only: no database.
"""

import pytest
from django.utils import translation

from assessments.rules import (
    SRC_ALBERT,
    SRC_RED_FLAGS,
    JointFindings,
    RedFlagAnswer,
    no_improvement_at_follow_up,
    postpartum_advice,
    radicular_prompts,
    red_flag_summary,
    suggest_diagnosis,
    suggest_subgroup,
)
from tests.assessments.test_rules_mutation_gaps import translated

NONE_POSITIVE = JointFindings(examined=frozenset({"sij_left", "sij_right", "symphysis"}))
SIJ_POSITIVE = JointFindings(sij_left=True,
                             examined=frozenset({"sij_left", "sij_right", "symphysis"}))
SYMPHYSIS_POSITIVE = JointFindings(symphysis=True,
                                   examined=frozenset({"sij_left", "sij_right", "symphysis"}))

PGP_LABELS = {
    "pelvic_location": "Pain at the back of the pelvis or at the symphysis",
    "lumbar_movement": "Lumbar movement recorded normal",
    "neuro_screen": "Neuro screen recorded normal (strength, sensation, reflexes, "
                    "straight-leg raise)",
    "no_below_knee": "No pain below the knee",
    "matching_test": "A pelvic test positive with her familiar pain where it hurts",
}
LUMBAR_LABELS = {
    "lumbar_movement_abnormal": "Lumbar movement recorded abnormal",
    "neuro_abnormal": "Neuro screen abnormal",
    "below_knee": "Pain below the knee",
    "no_positive_pelvic_test": "No pelvic test positive",
}
HIP_LABELS = {
    "groin": "Groin pain",
    "limp_or_rotation": "Limp or painful hip rotation",
    "third_trimester": "Third trimester (from 28+0)",
}


def diagnose(regions, *, lumbar=True, neuro=True, findings=NONE_POSITIVE, red_flag=False,
             **hip):
    return suggest_diagnosis(pain_regions=regions, lumbar_movement_normal=lumbar,
                             neuro_screen_normal=neuro, findings=findings,
                             red_flag_present=red_flag, **hip)


def shown(result):
    """Each criterion as the page shows it: code -> (status, field it links to, English label)."""
    return {c.code: (c.met, c.field, translated(c.label)) for c in result.criteria}


# R2 likely / suspected PGP: the five criteria --------------------------------------------------


def test_likely_pgp_lists_every_criterion_met_with_its_field_and_label():
    result = diagnose(["sij_left"], findings=SIJ_POSITIVE)
    assert str(result.diagnosis) == "pgp_likely"
    assert shown(result) == {
        "pelvic_location": (True, "id_pain_regions_0", PGP_LABELS["pelvic_location"]),
        "lumbar_movement": (True, "id_lumbar_movement", PGP_LABELS["lumbar_movement"]),
        "neuro_screen": (True, "id_neuro_strength", PGP_LABELS["neuro_screen"]),
        "no_below_knee": (True, "id_pain_regions_0", PGP_LABELS["no_below_knee"]),
        "matching_test": (True, "id_test-p4_left", PGP_LABELS["matching_test"]),
    }


def test_suspected_pgp_shows_what_is_not_recorded_and_what_is_not_met():
    # a positive sacroiliac test rules out the lumbar suggestion, but her pain is in front
    result = diagnose(["symphysis", "below_knee_left"], lumbar=None, neuro=None,
                      findings=SIJ_POSITIVE)
    assert str(result.diagnosis) == "pgp_suspected"
    assert shown(result) == {
        "pelvic_location": (True, "id_pain_regions_0", PGP_LABELS["pelvic_location"]),
        "lumbar_movement": (None, "id_lumbar_movement", PGP_LABELS["lumbar_movement"]),
        "neuro_screen": (None, "id_neuro_strength", PGP_LABELS["neuro_screen"]),
        "no_below_knee": (False, "id_pain_regions_0", PGP_LABELS["no_below_knee"]),
        # only anterior pain: the matching test is the symphysis one
        "matching_test": (False, "id_test-symphysis_palpation_midline",
                          PGP_LABELS["matching_test"]),
    }


@pytest.mark.parametrize(
    ("regions", "field"),
    [
        pytest.param(["symphysis"], "id_test-symphysis_palpation_midline", id="symphysis-only"),
        pytest.param(["sij_right"], "id_test-p4_left", id="posterior-only"),
        pytest.param(["symphysis", "gluteal_left"], "id_test-p4_left", id="front-and-back"),
        pytest.param(["lumbar"], "id_test-p4_left", id="no-pelvic-pain"),
    ],
)
def test_the_matching_test_links_to_the_test_for_where_it_hurts(regions, field):
    result = diagnose(regions, findings=NONE_POSITIVE)
    assert str(result.diagnosis) in {"pgp_suspected", "other"}
    criteria = {c.code: c for c in result.criteria}
    assert criteria["matching_test"].field == field
    assert criteria["matching_test"].met is False


def test_symphysis_pain_with_a_positive_symphysis_test_is_likely_pgp():
    result = diagnose(["symphysis"], findings=SYMPHYSIS_POSITIVE)
    assert str(result.diagnosis) == "pgp_likely"
    matching = {c.code: c for c in result.criteria}["matching_test"]
    assert (matching.met, matching.field) == (True, "id_test-symphysis_palpation_midline")


# R2 lumbar: the four criteria --------------------------------------------------------------


def test_lumbar_lists_its_criteria_with_fields_and_labels():
    result = diagnose(["lumbar", "below_knee_right"], lumbar=False, neuro=False)
    assert str(result.diagnosis) == "lumbar"
    assert shown(result) == {
        "lumbar_movement_abnormal": (True, "id_lumbar_movement",
                                     LUMBAR_LABELS["lumbar_movement_abnormal"]),
        "neuro_abnormal": (True, "id_neuro_strength", LUMBAR_LABELS["neuro_abnormal"]),
        "below_knee": (True, "id_pain_regions_0", LUMBAR_LABELS["below_knee"]),
        "no_positive_pelvic_test": (True, "id_test-p4_left",
                                    LUMBAR_LABELS["no_positive_pelvic_test"]),
    }


@pytest.mark.parametrize(
    ("lumbar", "neuro", "expected"),
    [
        pytest.param(False, None, (True, None), id="movement-abnormal-neuro-not-recorded"),
        pytest.param(None, False, (None, True), id="movement-not-recorded-neuro-abnormal"),
        pytest.param(False, True, (True, False), id="movement-abnormal-neuro-normal"),
        pytest.param(True, False, (False, True), id="movement-normal-neuro-abnormal"),
    ],
)
def test_lumbar_criteria_not_recorded_stay_not_recorded(lumbar, neuro, expected):
    result = diagnose(["lumbar"], lumbar=lumbar, neuro=neuro)
    assert str(result.diagnosis) == "lumbar"
    criteria = {c.code: c.met for c in result.criteria}
    assert (criteria["lumbar_movement_abnormal"], criteria["neuro_abnormal"]) == expected
    assert criteria["below_knee"] is False
    assert criteria["no_positive_pelvic_test"] is True


def test_pain_below_the_knee_alone_points_to_the_back():
    result = diagnose(["below_knee_left"])
    assert str(result.diagnosis) == "lumbar"
    criteria = {c.code: c.met for c in result.criteria}
    assert criteria == {"lumbar_movement_abnormal": False, "neuro_abnormal": False,
                        "below_knee": True, "no_positive_pelvic_test": True}


# R4 hip: the three criteria ----------------------------------------------------------------


def test_hip_lists_its_criteria_with_fields_and_labels():
    result = diagnose(["groin_left"], limp=True, ga_days=200)
    assert str(result.diagnosis) == "hip"
    assert shown(result) == {
        "groin": (True, "id_pain_regions_0", HIP_LABELS["groin"]),
        "limp_or_rotation": (True, "id_gait", HIP_LABELS["limp_or_rotation"]),
        "third_trimester": (True, "id_seen_at", HIP_LABELS["third_trimester"]),
    }


@pytest.mark.parametrize(
    ("limp", "rotation"),
    [
        pytest.param(True, False, id="limp-only"),
        pytest.param(False, True, id="painful-rotation-only"),
        pytest.param(True, True, id="both"),
    ],
)
@pytest.mark.parametrize("ga_days", [196, 197, 280], ids=["28+0", "28+1", "40+0"])
def test_hip_criteria_all_met_from_28_plus_0_with_a_limp_or_painful_rotation(
        limp, rotation, ga_days):
    result = diagnose([], groin_pain=True, limp=limp, painful_hip_rotation=rotation,
                      ga_days=ga_days)
    assert str(result.diagnosis) == "hip"
    assert {c.code: c.met for c in result.criteria} == {
        "groin": True, "limp_or_rotation": True, "third_trimester": True,
    }


def test_no_hip_suggestion_before_28_plus_0():
    result = diagnose(["groin_right"], limp=True, ga_days=195)
    assert str(result.diagnosis) != "hip"


# R1 red flag: one criterion ----------------------------------------------------------------


def test_an_unhandled_red_flag_asks_for_its_action_and_links_to_the_red_flags():
    result = diagnose(["sij_left"], findings=SIJ_POSITIVE, red_flag=True)
    assert str(result.diagnosis) == "red_flag"
    assert shown(result) == {
        "red_flag_action": (False, "red-flags", "Action for the red flag recorded"),
    }
    assert [c.code for c in result.criteria_missing] == ["red_flag_action"]


# R1 red-flag summary and radicular prompts ---------------------------------------------------


def test_an_unhandled_red_flag_explanation_is_translated():
    summary = red_flag_summary({"radicular_progressive": "present"})
    assert translated(summary.explanation) == (
        "Red flag present: act on it and record the action before any PGP conclusion."
    )


RADICULAR_TEXT = ("Ask about nerve-root signs ({}). One-sided, stable and mild: GP assessment "
                  "outside the PGP pathway. Weakness getting worse: urgent.")


@pytest.mark.parametrize(
    ("neuro", "below_knee", "reasons"),
    [
        pytest.param({"slr": "abnormal"}, False, "straight-leg raise abnormal", id="slr"),
        pytest.param({"reflexes": "abnormal"}, False, "neuro screen abnormal", id="reflexes"),
        pytest.param({}, True, "pain below the knee", id="below-knee"),
        pytest.param({"slr": "abnormal", "strength": "abnormal"}, True,
                     "straight-leg raise abnormal, neuro screen abnormal and pain below the "
                     "knee", id="all-three"),
        pytest.param({"sensation": "abnormal"}, True,
                     "neuro screen abnormal and pain below the knee", id="two"),
    ],
)
def test_the_radicular_prompt_names_its_reasons(neuro, below_knee, reasons):
    (prompt,) = radicular_prompts(neuro=neuro, below_knee_pain=below_knee,
                                  answers={"radicular_signs": "absent"})
    assert str(prompt.flag) == "radicular_signs"
    assert prompt.rule_id == "R1"
    assert prompt.source == SRC_RED_FLAGS
    assert translated(prompt.explanation) == RADICULAR_TEXT.format(reasons)


def test_the_radicular_reasons_are_translated():
    (prompt,) = radicular_prompts(neuro={"slr": "abnormal", "strength": "abnormal"},
                                  below_knee_pain=True)
    with translation.override("da"):
        danish = str(prompt.explanation)
    for english in ("straight-leg raise abnormal", "neuro screen abnormal",
                    "pain below the knee", " and "):
        assert english not in danish


def test_a_handled_radicular_flag_needs_no_prompt():
    answer = RedFlagAnswer("present", "GP assessment arranged")
    assert radicular_prompts(neuro={"slr": "abnormal"}, below_knee_pain=True,
                             answers={"radicular_signs": answer}) == ()


# R3 sub-group ------------------------------------------------------------------------------


def test_a_decided_subgroup_names_its_rule_and_source():
    result = suggest_subgroup(SIJ_POSITIVE, has_pelvic_pain_history=True)
    assert result.decided is True
    assert (result.rule_id, result.source) == ("R3", SRC_ALBERT)


def test_an_undecided_subgroup_lists_every_joint_to_examine():
    result = suggest_subgroup(JointFindings(symphysis=True, examined=frozenset({"symphysis"})),
                              has_pelvic_pain_history=True)
    assert result.decided is False
    assert (result.rule_id, result.source) == ("R3", SRC_ALBERT)
    assert translated(result.explanation) == (
        "Cannot be decided: examine the left sacroiliac joint and the right sacroiliac joint."
    )
    with translation.override("da"):
        assert " and " not in str(result.explanation)


# R5 and R7 ---------------------------------------------------------------------------------


def test_no_improvement_counts_by_default_as_after_education():
    assert no_improvement_at_follow_up(pain_pairs=(("nrs", 6, 5),)) is True


def test_late_postpartum_with_pain_unknown_asks_her_in_danish_too():
    advice = postpartum_advice(120, has_pain=None)
    assert translated(advice.explanation) == (
        "More than 3 months after birth, and no pain score recorded that late: ask whether "
        "she still has pain before deciding on a referral."
    )
