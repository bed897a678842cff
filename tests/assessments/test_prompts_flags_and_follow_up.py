"""Issue 13 items 3-7 at rule level: nerve-root prompts and severity, the two obstetric
warning signs, handled red flags, "no improvement at follow-up", postpartum pain unknown."""

import pytest
from django.utils import translation

from assessments.catalogue import MUST_ANSWER_FAMILIES, RED_FLAGS, RedFlag, Urgency
from assessments.rules import (
    RedFlagAnswer,
    no_improvement_at_follow_up,
    postpartum_advice,
    radicular_prompts,
    red_flag_summary,
)
from assessments.support import ExamInput, FollowUpInput, decision_support

NORMAL = {"strength": "normal", "sensation": "normal", "reflexes": "normal", "slr": "normal"}
SEED = ExamInput(
    pain_regions=frozenset({"sij_left", "sij_right"}),
    test_rows=(("p4", "left", "positive_familiar"), ("p4", "right", "positive_familiar"),
               ("symphysis_palpation", "midline", "tenderness_only")),
    aslr_left=1, aslr_right=1, lumbar_movement="normal",
    neuro=("normal", "normal", "normal", "normal"),
)

# Item 3 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("neuro", "below_knee", "prompted"),
    [
        pytest.param(NORMAL, False, False, id="all-normal"),
        pytest.param({**NORMAL, "slr": "abnormal"}, False, True, id="slr-abnormal"),
        pytest.param({**NORMAL, "strength": "abnormal"}, False, True, id="strength-abnormal"),
        pytest.param({**NORMAL, "sensation": "abnormal"}, False, True, id="sensation-abnormal"),
        pytest.param({**NORMAL, "reflexes": "abnormal"}, False, True, id="reflexes-abnormal"),
        pytest.param(NORMAL, True, True, id="pain-below-the-knee"),
        pytest.param({}, False, False, id="not-recorded-is-not-abnormal"),
    ],
)
def test_item3_radicular_prompt(neuro, below_knee, prompted):
    prompts = radicular_prompts(neuro=neuro, below_knee_pain=below_knee)
    assert bool(prompts) is prompted
    if prompted:
        assert prompts[0].flag == RedFlag.RADICULAR_SIGNS
        with translation.override("en"):
            text = str(prompts[0].explanation)
        assert "GP assessment" in text and "urgent" in text


@pytest.mark.parametrize("flag", ["radicular_signs", "radicular_progressive"])
def test_item3_no_prompt_once_a_radicular_flag_is_recorded(flag):
    answers = {flag: RedFlagAnswer("present", "GP today")}
    assert radicular_prompts(neuro={"slr": "abnormal"}, below_knee_pain=True,
                             answers=answers) == ()


def test_item3_the_support_prompts_from_the_page_values():
    exam = ExamInput(neuro=("normal", "normal", "normal", "abnormal"))
    assert [p.flag for p in decision_support(exam).prompts] == [RedFlag.RADICULAR_SIGNS]
    below = ExamInput(pain_regions=frozenset({"below_knee_right"}))
    assert decision_support(below).radicular_prompts


def test_item3_radicular_severity_follows_the_brief():
    mild, progressive = RED_FLAGS[RedFlag.RADICULAR_SIGNS], RED_FLAGS[RedFlag.RADICULAR_PROGRESSIVE]
    assert mild.urgency == Urgency.ROUTINE and progressive.urgency == Urgency.URGENT
    with translation.override("en"):
        assert str(mild.action).startswith("GP assessment")
        assert "one-sided, stable and mild" in str(mild.label)
        assert "getting worse" in str(progressive.label)
    summary = red_flag_summary({"radicular_progressive": "present",
                                "radicular_signs": "present"})
    assert summary.highest_urgency == Urgency.URGENT


# Item 4 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["severe_itching", "unilateral_lower_abdominal_pain"])
def test_item4_obstetric_warning_signs_are_screened_and_must_be_asked(flag):
    info = RED_FLAGS[RedFlag(flag)]
    assert info.family in MUST_ANSWER_FAMILIES and info.urgency == Urgency.SAME_DAY
    all_absent = {code.value: "absent" for code in RedFlag}
    assert red_flag_summary(all_absent).can_sign
    unasked = red_flag_summary({**all_absent, flag: "not_asked"})
    assert [(b.flag, b.reason) for b in unasked.signing_blockers] == [(flag, "not_answered")]


def test_item4_labels_in_danish():
    with translation.override("da"):
        assert str(RedFlag.SEVERE_ITCHING.label) == "Voldsom kløe (mulig graviditetskolestase)"
        assert str(RedFlag.UNILATERAL_LOWER_ABDOMINAL_PAIN.label) == (
            "Ensidige smerter nederst i maven")


# Item 5 -----------------------------------------------------------------------------------


def test_item5_a_handled_red_flag_stays_visible_and_the_assessment_is_shown():
    unhandled = decision_support(ExamInput(**{**SEED.__dict__,
                                              "red_flags": {"trauma": RedFlagAnswer("present")}}))
    assert unhandled.diagnosis.diagnosis == "red_flag"
    assert unhandled.red_flags.any_unhandled
    handled = decision_support(ExamInput(**{
        **SEED.__dict__, "red_flags": {"trauma": RedFlagAnswer("present", "Sent to the GP")}}))
    assert handled.diagnosis.diagnosis == "pgp_likely"
    assert handled.red_flags.any_present and not handled.red_flags.any_unhandled
    assert [flag.handled for flag in handled.red_flags.present] == [True]
    with translation.override("en"):
        assert "action recorded" in str(handled.red_flags.explanation)


def test_item5_a_blank_action_is_not_handled():
    summary = red_flag_summary({"trauma": RedFlagAnswer("present", "   ")})
    assert summary.any_unhandled


# Item 6 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "pgq", "after_education", "expected"),
    [
        pytest.param((("nrs", 6, 6),), None, True, True, id="same-pain"),
        pytest.param((("nrs", 6, 5),), None, True, True, id="nrs-1-point-not-important"),
        pytest.param((("nrs", 6, 4),), None, True, False, id="nrs-2-points-important"),
        pytest.param((("vas", 80, 60),), None, True, False, id="vas-20mm-important"),
        pytest.param((("nrs", 6, 6), ("vas", 80, 60)), None, True, False,
                     id="one-measure-improved"),
        pytest.param((("nrs", 6, 6),), -11.0, True, False, id="pgq-fell-11"),
        pytest.param((("nrs", 6, 6),), -10.9, True, True, id="pgq-fell-10.9"),
        pytest.param((), -3.0, True, True, id="pgq-only"),
        pytest.param((), None, True, None, id="nothing-to-compare-is-unknown"),
        pytest.param((("nrs", 6, 6),), None, False, None, id="no-education-last-time"),
    ],
)
def test_item6_no_improvement_at_follow_up(pairs, pgq, after_education, expected):
    assert no_improvement_at_follow_up(
        pain_pairs=pairs, pgq_total_change=pgq, after_education_or_programme=after_education
    ) is expected


def test_item6_the_prognostic_flag_fires_from_the_follow_up():
    same = ExamInput(**{**SEED.__dict__, "follow_up": FollowUpInput(pain_pairs=(("nrs", 6, 6),))})
    assert "no_improvement" in decision_support(same).prognosis.flags
    better = ExamInput(**{**SEED.__dict__,
                          "follow_up": FollowUpInput(pain_pairs=(("nrs", 6, 2),))})
    assert "no_improvement" not in decision_support(better).prognosis.flags
    assert decision_support(SEED).no_improvement is None  # first visit: nothing to compare


# Item 7 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "has_pain", "referral", "asks"),
    [
        pytest.param(120, True, True, False, id="pain-late"),
        pytest.param(120, False, False, False, id="no-pain-late"),
        pytest.param(120, None, False, True, id="unknown-late-asks"),
        pytest.param(50, None, False, False, id="unknown-early"),
    ],
)
def test_item7_postpartum_pain_unknown_is_not_no_pain(days, has_pain, referral, asks):
    advice = postpartum_advice(days, has_pain=has_pain)
    assert advice.suggest_physiotherapy_referral is referral
    with translation.override("en"):
        assert ("ask whether she still has pain" in str(advice.explanation)) is asks
