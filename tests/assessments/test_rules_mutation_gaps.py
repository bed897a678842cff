"""Boundaries of the clinical rules that mutation testing (issue 18) found unpinned.

Each test names the behaviour a clinician cares about; together they kill the mutants of
assessments/rules.py that survived test_rules.py. Only the public functions are used.
"""

import pytest
from django.utils import translation

from assessments.catalogue import RedFlag
from assessments.rules import (
    ALL_JOINTS,
    JointFindings,
    RedFlagAnswer,
    fear_phrases,
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

POSTERIOR = ["sij_left", "gluteal_left"]
ALL_ABSENT = {code.value: "absent" for code in RedFlag}
LUMBAR_EXCLUDED = {"lumbar_movement_normal": True, "neuro_screen_normal": True,
                   "red_flag_present": False, "ga_days": 150}


def flags(systolic, diastolic, *, ga_days=None, postpartum=None, temperature=None):
    prompts = vital_signs_flags(systolic, diastolic, temperature, ga_days,
                                days_postpartum=postpartum)
    return [str(prompt.flag) for prompt in prompts]


# Pre-eclampsia: either value on its own reaches the threshold -------------------------------


@pytest.mark.parametrize(
    ("systolic", "diastolic", "expected"),
    [
        pytest.param(140, 80, ["preeclampsia"], id="systolic-140-alone"),
        pytest.param(130, 90, ["preeclampsia"], id="diastolic-90-alone"),
        pytest.param(139, 80, [], id="systolic-139"),
        pytest.param(130, 89, [], id="diastolic-89"),
        pytest.param(140, None, ["preeclampsia"], id="only-systolic-measured"),
        pytest.param(None, 90, ["preeclampsia"], id="only-diastolic-measured"),
    ],
)
def test_preeclampsia_prompt_from_either_value_at_20_plus_0(systolic, diastolic, expected):
    assert flags(systolic, diastolic, ga_days=140) == expected


def test_preeclampsia_prompt_needs_20_plus_0_when_pregnant():
    assert flags(140, 80, ga_days=139) == []
    assert flags(130, 90, ga_days=139) == []


# Pre-eclampsia after the birth: from the birth day up to day 28 ------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(0, ["preeclampsia"], id="birth-day"),
        pytest.param(1, ["preeclampsia"], id="day-1"),
        pytest.param(28, ["preeclampsia"], id="day-28"),
        pytest.param(29, [], id="day-29"),
        pytest.param(-1, [], id="the-day-before-the-birth-is-no-postpartum-day"),
    ],
)
def test_postpartum_preeclampsia_window(day, expected):
    assert flags(150, 95, postpartum=day) == expected
    assert flags(140, 80, postpartum=day) == expected


def test_postpartum_window_also_when_a_ga_is_given_below_20_weeks():
    assert flags(150, 95, ga_days=100, postpartum=28) == ["preeclampsia"]
    assert flags(150, 95, ga_days=100, postpartum=29) == []


# Diagnosis: one positive sacroiliac joint is enough --------------------------------------------


@pytest.mark.parametrize("side", ["left", "right"])
def test_one_positive_sacroiliac_joint_with_posterior_pain_makes_pgp_likely(side):
    findings = joint_findings([("p4", side, "positive_familiar")])
    assert findings.sij_any and not findings.symphysis
    result = suggest_diagnosis(pain_regions=POSTERIOR, findings=findings, **LUMBAR_EXCLUDED)
    assert (result.diagnosis, result.rule_id) == ("pgp_likely", "R2")


def test_one_positive_sacroiliac_joint_is_a_positive_finding_against_a_lumbar_diagnosis():
    findings = JointFindings(sij_right=True)
    assert findings.any_positive and not findings.all_three
    result = suggest_diagnosis(pain_regions=POSTERIOR, findings=findings,
                               **(LUMBAR_EXCLUDED | {"lumbar_movement_normal": False}))
    assert result.diagnosis == "pgp_suspected"


# Pain change: the 30 % band, a drop to zero and the rounding ----------------------------------


@pytest.mark.parametrize(
    ("before", "after", "important"),
    [
        pytest.param(47, 33, False, id="vas-47-to-33-29.8pct-14mm"),
        pytest.param(43, 30, True, id="vas-43-to-30-30.2pct-13mm"),
        pytest.param(50, 36, False, id="vas-50-to-36-28pct-14mm"),
    ],
)
def test_pain_change_30_percent_band(before, after, important):
    result = pain_change("vas", before, after)
    assert result.clinically_important is important
    assert result.worsening is False


def test_nrs_1_to_0_is_an_important_improvement():
    result = pain_change("nrs", 1, 0)
    assert (result.clinically_important, result.worsening) == (True, False)
    assert (result.change, result.percent) == (-1, -100.0)


def test_nrs_0_to_1_is_no_important_worsening():
    result = pain_change("nrs", 0, 1)
    assert (result.clinically_important, result.worsening, result.percent) == (False, False, None)


@pytest.mark.parametrize(
    ("scale", "before", "after", "percent"),
    [("nrs", 3, 2, -33.3), ("nrs", 3, 5, 66.7), ("vas", 47, 33, -29.8), ("nrs", 6, 7, 16.7)],
)
def test_pain_change_percent_is_rounded_to_one_decimal(scale, before, after, percent):
    assert pain_change(scale, before, after).percent == percent


def test_pain_change_explanation_tells_improvement_worsening_and_small_change_apart():
    texts = {explained(pain_change("nrs", *scores), "R6") for scores in ((8, 5), (5, 8), (5, 6))}
    assert len(texts) == 3


# Fear phrases: language codes with a region ---------------------------------------------------


@pytest.mark.parametrize(("language", "phrase"), [("en-GB", "small steps"), ("EN", "small steps"),
                                                  ("da-DK", "små skridt"), ("DA", "små skridt")])
def test_fear_phrases_accept_language_codes_with_a_region_or_in_capitals(language, phrase):
    hits = fear_phrases("Take small steps. Tag små skridt.", language)
    assert [hit.phrase for hit in hits] == [phrase]


# Every rule names itself, explains itself in a sentence of its own and cites its source -------


def translated(text):
    """The English text, checked to have a Danish translation (the page is Danish first)."""
    assert text is not None
    with translation.override("en"):
        english = str(text)
    with translation.override("da"):
        danish = str(text)
    assert english.strip() and danish.strip() and danish != english, english
    return english


def explained(result, rule_id):
    """The result's rule, its explanation as the page shows it, and its source."""
    assert result.rule_id == rule_id
    assert result.source.strip()
    return translated(result.explanation)


def test_red_flag_summary_explains_a_present_flag_differently_and_keeps_its_action():
    absent = red_flag_summary(ALL_ABSENT)
    present = red_flag_summary(ALL_ABSENT | {"dvt_pe": RedFlagAnswer("present", "Sent to A&E")})
    assert explained(absent, "R1") != explained(present, "R1")
    assert (absent.any_present, present.any_present) == (False, True)
    assert [(p.info.code, p.action_taken) for p in present.present] == [("dvt_pe", "Sent to A&E")]


def test_signing_blockers_carry_the_message_shown_to_the_clinician():
    summary = red_flag_summary({"dvt_pe": RedFlagAnswer("present", "")})
    reasons = {blocker.reason: translated(blocker.message)
               for blocker in summary.signing_blockers}
    assert set(reasons) == {"action_missing", "not_answered"}
    assert reasons["action_missing"] != reasons["not_answered"]


def test_vital_sign_prompts_explain_themselves():
    preeclampsia, fever = vital_signs_flags(150, 95, 38.5, 200)
    assert explained(preeclampsia, "R1") != explained(fever, "R1")


def test_subgroup_and_diagnosis_explain_themselves():
    # Every joint examined (issue 13: a joint not examined leaves the subgroup undecided).
    subgroup = suggest_subgroup(JointFindings(sij_left=True, examined=frozenset(ALL_JOINTS)),
                                False)
    assert subgroup.subgroup == "one_sided_sij_left"
    explained(subgroup, "R3")
    diagnosis = suggest_diagnosis(pain_regions=POSTERIOR, findings=JointFindings(sij_left=True),
                                  **LUMBAR_EXCLUDED)
    explained(diagnosis, "R2")


def test_groin_pain_is_not_assumed_when_not_given():
    result = suggest_diagnosis(pain_regions=POSTERIOR, findings=JointFindings(sij_left=True),
                               limp=True, **(LUMBAR_EXCLUDED | {"ga_days": 250}))
    assert result.diagnosis == "pgp_likely"


def test_exam_completeness_names_its_rule_and_says_what_is_missing():
    result = missing_for_complete_exam([("p4", "left", "negative")], ["symphysis"])
    explained(result, "R2")
    assert result.missing_codes == ("p4_right", "aslr_left", "aslr_right", "symphysis_test")
    messages = [translated(item.message) for item in result.missing]
    assert len(set(messages)) == 4


def test_prognosis_explains_flags_and_no_flags_differently():
    none = prognostic_flags(test_results=[], pain_regions=[])
    some = prognostic_flags(test_results=[], pain_regions=[], no_improvement_at_follow_up=True)
    assert (none.flags, some.flags) == ((), ("no_improvement",))
    assert explained(none, "R5") != explained(some, "R5")


def test_pain_change_keeps_the_scale_and_both_scores():
    result = pain_change("vas", 60, 45)
    assert (result.scale, result.before, result.after) == ("vas", 60, 45)
    explained(result, "R6")


def test_postpartum_advice_explains_each_stage_and_assumes_pain_when_not_told():
    early, review, review_day_42, delayed = (
        explained(postpartum_advice(days), "R7") for days in (41, 50, 42, 91))
    assert review_day_42 == review
    assert len({early, review, delayed}) == 3
    assert postpartum_advice(91).suggest_physiotherapy_referral is True


@pytest.mark.parametrize(
    ("findings", "any_positive", "all_three"),
    [
        (JointFindings(), False, False),
        (JointFindings(symphysis=True), True, False),
        (JointFindings(sij_left=True, sij_right=True), True, False),
        (JointFindings(sij_left=True, symphysis=True), True, False),
        (JointFindings(sij_right=True, symphysis=True), True, False),
        (JointFindings(sij_left=True, sij_right=True, symphysis=True), True, True),
    ],
)
def test_joint_findings_any_and_all(findings, any_positive, all_three):
    assert (findings.any_positive, findings.all_three) == (any_positive, all_three)
