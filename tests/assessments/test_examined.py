"""Decision support never claims more than was examined (issue 13).

Table-driven: every combination of positive / negative / not performed / tenderness only for
the joints a rule reads is generated, and the expected answer comes from the brief's tables
written out here (brief section 2 and 10.3), not from the code under test. The counts of
generated combinations are asserted, so a change in the generators shows up.
"""

from itertools import product

import pytest
from django.utils import translation

from assessments.catalogue import Joint, Subgroup
from assessments.rules import (
    joint_findings,
    missing_for_complete_exam,
    prognostic_flags,
    suggest_diagnosis,
    suggest_subgroup,
)
from assessments.support import ExamInput, decision_support

POS, NEG, NP, TENDER = "positive_familiar", "negative", "not_performed", "tenderness_only"
STATES = ("positive", "negative", "not_performed", "tenderness_only")
JOINTS = (Joint.SIJ_LEFT, Joint.SIJ_RIGHT, Joint.SYMPHYSIS)


def rows_for(joint, state):
    """The test rows that put one joint in one state. Tenderness only is a palpation result:
    the long dorsal ligament for a sacroiliac joint (P4 then not recorded), symphysis
    palpation for the symphysis."""
    if joint == Joint.SYMPHYSIS:
        return [("symphysis_palpation", "midline",
                 {"positive": POS, "negative": NEG, "not_performed": NP,
                  "tenderness_only": TENDER}[state])]
    side = "left" if joint == Joint.SIJ_LEFT else "right"
    if state == "tenderness_only":
        return [("long_dorsal_ligament", side, TENDER)]
    return [("p4", side, {"positive": POS, "negative": NEG, "not_performed": NP}[state])]


# What a state tells about its joint: positive, examined and not positive, or nothing.
# Tenderness only on the long dorsal ligament (P4 not recorded) does not examine a
# sacroiliac joint (P4 is its key test; docs/clinical-rules.md H3, a "choice"); tenderness
# only on symphysis palpation examines the symphysis (the seed case's "slight tenderness").
def expected_status(joint, state):
    if state == "positive":
        return True
    if state == "negative":
        return False
    if state == "tenderness_only" and joint == Joint.SYMPHYSIS:
        return False
    return None


# Brief section 2: the sub-group for three examined joints (left, right, symphysis, history).
BRIEF_TABLE = {
    (True, True, True): Subgroup.PELVIC_GIRDLE_SYNDROME,
    (True, True, False): Subgroup.DOUBLE_SIDED_SIJ,
    (True, False, False): Subgroup.ONE_SIDED_SIJ_LEFT,
    (False, True, False): Subgroup.ONE_SIDED_SIJ_RIGHT,
    (False, False, True): Subgroup.SYMPHYSEAL,
    (True, False, True): Subgroup.MISCELLANEOUS,
    (False, True, True): Subgroup.MISCELLANEOUS,
}


def brief_subgroup(left, right, sym, history):
    if (left, right, sym) in BRIEF_TABLE:
        return BRIEF_TABLE[(left, right, sym)]
    return Subgroup.MISCELLANEOUS if history else Subgroup.NOT_CLASSIFIED


JOINT_STATE_CASES = [
    pytest.param(states, history, id="L={}-R={}-S={}-{}".format(*states, history))
    for states in product(STATES, repeat=3)
    for history in ("history", "no-history")
]


def test_r3_joint_state_combinations_are_counted():
    assert len(JOINT_STATE_CASES) == 4 ** 3 * 2 == 128


@pytest.mark.parametrize(("states", "history"), JOINT_STATE_CASES)
def test_r3_never_suggests_a_subgroup_from_a_joint_not_examined(states, history):
    rows = [row for joint, state in zip(JOINTS, states) for row in rows_for(joint, state)]
    result = suggest_subgroup(joint_findings(rows), has_pelvic_pain_history=history == "history")
    statuses = [expected_status(joint, state) for joint, state in zip(JOINTS, states)]
    not_examined = {joint.value for joint, status in zip(JOINTS, statuses) if status is None}
    if not_examined:
        assert result.subgroup is None
        assert {item.code for item in result.to_examine} == not_examined
        with translation.override("en"):
            assert str(result.explanation).startswith("Cannot be decided: examine ")
    else:
        assert result.subgroup == brief_subgroup(*statuses, history == "history")
        assert result.to_examine == ()


# Row level: several tests per joint, every result each test can have (and "not recorded"),
# swept in one loop; the oracle re-derives "examined" from the rows.
SIJ_P4 = (POS, NEG, NP, "pain_not_familiar", None)
SIJ_LDL = (POS, NEG, NP, TENDER, None)
SYM_PALPATION = (POS, NEG, NP, TENDER, None)
SYM_TRENDELENBURG = (POS, NEG, NP, "pain_not_familiar", None)


def _sij_rows(side, p4, ldl):
    return [(test, side, result) for test, result in (("p4", p4), ("long_dorsal_ligament", ldl))
            if result is not None]


def _sij_status(p4, ldl):
    if POS in (p4, ldl):
        return True
    return False if p4 not in (None, NP) else None


def _sym_status(palpation, trendelenburg):
    if POS in (palpation, trendelenburg):
        return True
    return False if any(r not in (None, NP) for r in (palpation, trendelenburg)) else None


def test_r3_row_level_sweep_suggests_only_from_examined_joints():
    checked = suggested = 0
    for left_p4, left_ldl, right_p4, right_ldl, palpation, trendelenburg, history in product(
        SIJ_P4, SIJ_LDL, SIJ_P4, SIJ_LDL, SYM_PALPATION, SYM_TRENDELENBURG, (True, False)
    ):
        rows = _sij_rows("left", left_p4, left_ldl) + _sij_rows("right", right_p4, right_ldl)
        rows += [(test, side, result) for test, side, result in (
            ("symphysis_palpation", "midline", palpation),
            ("modified_trendelenburg", "left", trendelenburg)) if result is not None]
        statuses = (_sij_status(left_p4, left_ldl), _sij_status(right_p4, right_ldl),
                    _sym_status(palpation, trendelenburg))
        result = suggest_subgroup(joint_findings(rows), has_pelvic_pain_history=history)
        checked += 1
        if None in statuses:
            assert result.subgroup is None, (rows, history)
            assert {i.code for i in result.to_examine} == {
                j.value for j, s in zip(JOINTS, statuses) if s is None}, rows
        else:
            suggested += 1
            assert result.subgroup == brief_subgroup(*statuses, history), (rows, history)
    assert checked == 5 * 5 * 5 * 5 * 5 * 5 * 2 == 31250
    # A side is examined with P4 recorded (3 results x 5 LDL) or a positive LDL (2): 17; the
    # symphysis with any result but "not performed" on either test: 25 - 4 = 21.
    assert suggested == 17 * 17 * 21 * 2 == 12138


# R2: a "likely PGP" needs a positive test where it hurts; a joint not examined or only
# tender never supplies it.
REGION_CASES = {"back": ["sij_left"], "front": ["symphysis"], "both": ["sij_left", "symphysis"]}
DIAGNOSIS_CASES = [
    pytest.param(states, region, id="L={}-R={}-S={}-{}".format(*states, region))
    for states in product(STATES, repeat=3)
    for region in REGION_CASES
]


def test_r2_joint_state_combinations_are_counted():
    assert len(DIAGNOSIS_CASES) == 4 ** 3 * 3 == 192


@pytest.mark.parametrize(("states", "region"), DIAGNOSIS_CASES)
def test_r2_likely_pgp_only_from_a_positive_examined_joint_where_it_hurts(states, region):
    rows = [row for joint, state in zip(JOINTS, states) for row in rows_for(joint, state)]
    result = suggest_diagnosis(
        pain_regions=REGION_CASES[region], lumbar_movement_normal=True,
        neuro_screen_normal=True, findings=joint_findings(rows), red_flag_present=False,
    )
    left, right, sym = (state == "positive" for state in states)
    matching = (region in ("back", "both") and (left or right)) or (
        region in ("front", "both") and sym)
    assert (result.diagnosis == "pgp_likely") is matching
    match = next(c for c in result.criteria if c.code == "matching_test")
    assert match.met is matching


# R5: "pain in all three joints" only from three positive joints.
@pytest.mark.parametrize("states", list(product(STATES, repeat=3)),
                         ids=lambda s: "L={}-R={}-S={}".format(*s))
def test_r5_all_three_joints_only_when_all_three_are_positive(states):
    rows = [row for joint, state in zip(JOINTS, states) for row in rows_for(joint, state)]
    flags = prognostic_flags(test_results=rows, pain_regions=["sij_left"]).flags
    assert ("all_three_joints" in flags) is (states == ("positive",) * 3)


# Item 1: the two cases from the issue ------------------------------------------------------


def test_item1_one_p4_positive_the_other_not_performed_no_symphysis_test():
    rows = [("p4", "left", POS), ("p4", "right", NP)]
    result = suggest_subgroup(joint_findings(rows), has_pelvic_pain_history=True)
    assert result.subgroup is None  # was one_sided_sij_left
    assert [item.code for item in result.to_examine] == ["sij_right", "symphysis"]
    assert [item.field for item in result.to_examine] == [
        "id_test-p4_right", "id_test-symphysis_palpation_midline"]


def test_item1_both_p4_positive_anterior_pain_no_symphysis_test_in_danish():
    support = decision_support(ExamInput(
        pain_regions=frozenset({"sij_left", "sij_right", "symphysis"}),
        test_rows=(("p4", "left", POS), ("p4", "right", POS)),
    ))
    assert support.subgroup.subgroup is None  # was double_sided_sij
    with translation.override("da"):
        assert str(support.subgroup.explanation) == "Kan ikke afgøres: undersøg symfysen."
        assert "Undergruppen afhænger af" in str(support.subgroup.to_examine[0].message)


def test_item1_the_seed_case_is_still_double_sided_sij():
    rows = [("p4", "left", POS), ("p4", "right", POS), ("symphysis_palpation", "midline", TENDER)]
    result = suggest_subgroup(joint_findings(rows), has_pelvic_pain_history=True)
    assert result.subgroup == Subgroup.DOUBLE_SIDED_SIJ


# Item 2: what is missing for "likely PGP" ---------------------------------------------------


def test_item2_missing_lumbar_movement_is_named_with_its_field():
    support = decision_support(ExamInput(
        pain_regions=frozenset({"sij_left", "sij_right"}),
        test_rows=(("p4", "left", POS), ("p4", "right", POS), ("faber", "left", POS)),
        aslr_left=1, aslr_right=1,
        neuro=("normal", "normal", "normal", "normal"),
    ))
    assert support.diagnosis.diagnosis == "pgp_suspected"
    missing = support.diagnosis.criteria_missing
    assert [(c.code, c.met, c.field) for c in missing] == [
        ("lumbar_movement", None, "id_lumbar_movement")]
    assert {c.code for c in support.diagnosis.criteria_met} == {
        "pelvic_location", "neuro_screen", "no_below_knee", "matching_test"}
    assert "lumbar_movement" in support.completeness.missing_codes
    assert "neuro_screen" not in support.completeness.missing_codes


def test_item2_every_suggestion_lists_its_criteria_with_a_field():
    for exam in (
        ExamInput(),
        ExamInput(pain_regions=frozenset({"lumbar", "below_knee_left"})),
        ExamInput(pain_regions=frozenset({"groin_left"}), gait="abnormal", ga_days=200),
        ExamInput(red_flags={"trauma": "present"}),
    ):
        result = decision_support(exam).diagnosis
        assert result.criteria and all(c.field for c in result.criteria), result.diagnosis


def test_item2_missing_items_for_the_examination_carry_their_field():
    result = missing_for_complete_exam([], ["symphysis"], lumbar_movement_recorded=False,
                                       neuro_screen_recorded=False)
    assert [(i.code, i.field) for i in result.missing] == [
        ("p4_left", "id_test-p4_left"), ("p4_right", "id_test-p4_right"),
        ("aslr_left", "id_test-aslr_left"), ("aslr_right", "id_test-aslr_right"),
        ("symphysis_test", "id_test-symphysis_palpation_midline"),
        ("lumbar_movement", "id_lumbar_movement"), ("neuro_screen", "id_neuro_strength"),
    ]
