from assessments.scoring import score_pgq
from portal.rules import report_worsened


def pgq(value):
    return score_pgq({n: value for n in range(1, 26)})


def test_an_nrs_rise_of_two_points_is_worse():
    result = report_worsened(previous_pain={("walking", "now"): 3}, pain={("walking", "now"): 5})
    assert result.worsened and result.pain == (("walking", "now", 3, 5),)


def test_an_nrs_rise_of_one_point_from_five_is_not_worse():
    assert not report_worsened(previous_pain={("walking", "now"): 5},
                               pain={("walking", "now"): 6}).worsened


def test_a_rise_of_a_third_from_a_low_value_is_worse():
    # R6: 30 % of the earlier value counts as well as 2 points (1 -> 2 is +100 %)
    assert report_worsened(previous_pain={("sitting", "now"): 1},
                           pain={("sitting", "now"): 2}).worsened


def test_values_of_different_activities_or_moments_are_not_compared():
    assert not report_worsened(previous_pain={("walking", "now"): 1},
                               pain={("walking", "worst_week"): 9, ("stairs", "now"): 9}).worsened


def test_less_pain_is_not_worse():
    assert not report_worsened(previous_pain={("walking", "now"): 8},
                               pain={("walking", "now"): 2}).worsened


def test_a_first_report_is_never_worse():
    assert not report_worsened(previous_pain={}, pain={("walking", "now"): 10}, pgq=pgq(3)).worsened


def test_a_pgq_rise_beyond_the_smaller_mic_is_worse():
    result = report_worsened(previous_pain={}, pain={}, previous_pgq=pgq(1), pgq=pgq(2))
    assert result.worsened and ("total", 33.3, 66.7) in result.pgq


def test_a_pgq_fall_is_not_worse():
    assert not report_worsened(previous_pain={}, pain={}, previous_pgq=pgq(2), pgq=pgq(1)).worsened
