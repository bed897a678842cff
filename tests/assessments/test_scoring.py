"""Hand-calculated tests for PGQ scoring (R10) and change (R11); no database."""

import pytest

from assessments.scoring import (
    ACTIVITY_ITEMS,
    ALL_ITEMS,
    MIN_ANSWERED_SHARE,
    PGQ_VERSION,
    SYMPTOM_ITEMS,
    PgqScore,
    percent_score,
    pgq_change,
    pgq_changes,
    score_pgq,
)

# A mixed, complete form.
# Activity 1-20: 2 1 3 0 2 | 2 1 1 3 2 | 0 1 2 3 1 | 2 0 1 2 1 -> sum 30; 30 / (3 × 20) = 50.0
# Symptom 21-25: 3 2 2 1 3 -> sum 11; 11 / (3 × 5) × 100 = 73.33 -> 73.3
# Total: 41 / (3 × 25) × 100 = 54.67 -> 54.7
MIXED_ACTIVITY = (2, 1, 3, 0, 2, 2, 1, 1, 3, 2, 0, 1, 2, 3, 1, 2, 0, 1, 2, 1)
MIXED_SYMPTOM = (3, 2, 2, 1, 3)
MIXED = dict(zip(ALL_ITEMS, MIXED_ACTIVITY + MIXED_SYMPTOM, strict=True))


def form(activity=(0,) * 20, symptom=(0,) * 5):
    """Items 1-25 from the activity and symptom values (None = missing / not applicable)."""
    return dict(zip(ALL_ITEMS, tuple(activity) + tuple(symptom), strict=True))


def test_item_structure():
    assert ACTIVITY_ITEMS == tuple(range(1, 21))
    assert SYMPTOM_ITEMS == tuple(range(21, 26))
    assert ALL_ITEMS == tuple(range(1, 26))
    assert MIN_ANSWERED_SHARE == 0.8
    assert PGQ_VERSION == "pgq-2011-percent-v1"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # (total, activity, symptom), (answered total, activity, symptom)
        pytest.param(form(), ((0.0, 0.0, 0.0), (25, 20, 5)), id="all-zeros"),
        pytest.param(form((3,) * 20, (3,) * 5), ((100.0, 100.0, 100.0), (25, 20, 5)),
                     id="all-threes"),
        pytest.param(MIXED, ((54.7, 50.0, 73.3), (25, 20, 5)), id="mixed-complete"),
        # Items 14 (3) and 18 (1) not applicable: activity 26 / (3 × 18) = 48.15 -> 48.1;
        # total 37 / (3 × 23) = 53.62 -> 53.6; symptom unchanged 73.3.
        pytest.param(MIXED | {14: None, 18: None}, ((53.6, 48.1, 73.3), (23, 18, 5)),
                     id="two-not-applicable"),
        # Same, but the two items are simply absent from the mapping.
        pytest.param({k: v for k, v in MIXED.items() if k not in (14, 18)},
                     ((53.6, 48.1, 73.3), (23, 18, 5)), id="two-absent"),
        # Activity 15 of 20 (< 16): activity None; total 20 of 25 is still scored.
        # Activity answered 1-15 = 2 1 3 0 2 2 1 1 3 2 0 1 2 3 1 -> 24; total 35/60 = 58.3.
        pytest.param({k: v for k, v in MIXED.items() if k not in (16, 17, 18, 19, 20)},
                     ((58.3, None, 73.3), (20, 15, 5)), id="activity-below-80"),
        # Activity 15, symptom 4: total 19 of 25 (< 20) -> None; symptom 4 of 5 scored:
        # symptom 21-24 = 3 2 2 1 -> 8 / 12 = 66.67 -> 66.7.
        pytest.param({k: v for k, v in MIXED.items() if k not in (16, 17, 18, 19, 20, 25)},
                     ((None, None, 66.7), (19, 15, 4)), id="total-below-80"),
        # Symptom exactly 4 of 5: 3 3 3 _ 0 -> 9 / 12 = 75.0; total 9 / 72 = 12.5.
        pytest.param(form(symptom=(3, 3, 3, None, 0)), ((12.5, 0.0, 75.0), (24, 20, 4)),
                     id="symptom-4-of-5"),
        # Symptom 3 of 5: not scored; total 23 of 25 still is.
        pytest.param(form(symptom=(3, 3, None, None, 0)), ((8.7, 0.0, None), (23, 20, 3)),
                     id="symptom-3-of-5"),
        pytest.param({}, ((None, None, None), (0, 0, 0)), id="empty"),
        pytest.param({n: None for n in ALL_ITEMS}, ((None, None, None), (0, 0, 0)),
                     id="all-not-applicable"),
    ],
)
def test_score_pgq_hand_calculated(items, expected):
    (total, activity, symptom), (n_total, n_activity, n_symptom) = expected
    score = score_pgq(items)
    assert (score.total, score.activity, score.symptom) == (total, activity, symptom)
    assert (score.answered_total, score.answered_activity, score.answered_symptom) == (
        n_total, n_activity, n_symptom,
    )
    assert score.version == PGQ_VERSION
    assert score.rule_id == "R10"
    assert "Phys Ther 2011" in score.source


def test_score_pgq_rounds_half_up_not_to_even():
    # 16 activity items answered, sum 3: 3 / (3 × 16) × 100 = 6.25 exactly.
    # Banker's rounding (Python's round) gives 6.2; the PGQ score uses half-up: 6.3.
    # Total: 3 / (3 × 21) × 100 = 4.76 -> 4.8 (symptom all 0).
    items = form(activity=(1, 1, 1) + (0,) * 13 + (None,) * 4)
    score = score_pgq(items)
    assert round(6.25, 1) == 6.2
    assert score.activity == 6.3
    assert score.total == 4.8
    assert score.answered_activity == 16


def test_score_pgq_complete_only_when_all_25_answered():
    assert score_pgq(MIXED).complete
    assert not score_pgq(MIXED | {25: None}).complete


@pytest.mark.parametrize("value", [4, -1, "2", 2.0, True, 1.5])
def test_score_pgq_rejects_invalid_values(value):
    with pytest.raises(ValueError):
        score_pgq(MIXED | {3: value})


@pytest.mark.parametrize("number", [0, 26, -1, "1", 1.0, True])
def test_score_pgq_rejects_invalid_item_numbers(number):
    with pytest.raises(ValueError):
        score_pgq({number: 1})


def scores(total, activity, symptom):
    return PgqScore(total, activity, symptom, 25, 20, 5)


@pytest.mark.parametrize(
    ("subscale", "before", "after", "change", "stuge", "ceprnja", "direction"),
    [
        # Total 60 -> 45: -15 is >= 11 (Ceprnja) but < 25 (Stuge).
        ("total", 60.0, 45.0, -15.0, False, True, "better"),
        ("total", 60.0, 35.0, -25.0, True, True, "better"),
        ("total", 60.0, 35.1, -24.9, False, True, "better"),
        ("total", 30.0, 40.9, 10.9, False, False, "worse"),
        ("total", 30.0, 41.0, 11.0, False, True, "worse"),
        # Exactly at the MIC counts; 33.3 - 23.9 must be 9.4, not 9.3999... in floats.
        ("activity", 23.9, 33.3, 9.4, False, True, "worse"),
        ("activity", 33.3, 23.9, -9.4, False, True, "better"),
        ("activity", 33.3, 24.0, -9.3, False, False, "better"),
        ("activity", 80.0, 55.0, -25.0, True, True, "better"),
        # Symptom change exactly 20: important by Stuge (>= 20).
        ("symptom", 40.0, 60.0, 20.0, True, True, "worse"),
        ("symptom", 60.0, 40.1, -19.9, False, True, "better"),
        ("symptom", 60.0, 46.7, -13.3, False, True, "better"),
        ("symptom", 60.0, 46.8, -13.2, False, False, "better"),
        ("symptom", 50.0, 50.0, 0.0, False, False, "same"),
    ],
)
def test_pgq_change_against_both_mic_sets(subscale, before, after, change, stuge, ceprnja,
                                          direction):
    result = pgq_change(subscale, before, after)
    assert result.change == change
    assert (result.important_stuge, result.important_ceprnja) == (stuge, ceprnja)
    assert result.direction == direction
    assert result.rule_id == "R11"
    assert "2017" in result.source and "2019" in result.source


def test_pgq_change_carries_both_mic_values():
    result = pgq_change("total", 60.0, 45.0)
    assert (result.mic_stuge, result.mic_ceprnja) == (25.0, 11.0)


def test_pgq_changes_for_every_subscale_present_in_both():
    before, after = scores(60.0, 62.0, 40.0), scores(45.0, 50.0, 60.0)
    changes = {c.subscale: c for c in pgq_changes(before, after)}
    assert list(changes) == ["total", "activity", "symptom"]
    assert changes["total"].change == -15.0
    assert changes["total"].important_ceprnja and not changes["total"].important_stuge
    assert changes["activity"].change == -12.0
    assert changes["symptom"].direction == "worse" and changes["symptom"].important_stuge


def test_pgq_changes_skip_a_subscale_missing_on_either_side():
    before = PgqScore(58.3, None, 73.3, 20, 15, 5)
    after = scores(40.0, 35.0, None)
    assert [c.subscale for c in pgq_changes(before, after)] == ["total"]


def test_pgq_changes_from_scored_forms():
    before = score_pgq(MIXED)  # 54.7 / 50.0 / 73.3
    after = score_pgq(form())  # all zeros
    changes = pgq_changes(before, after)
    assert [(c.subscale, c.change, c.direction) for c in changes] == [
        ("total", -54.7, "better"),
        ("activity", -50.0, "better"),
        ("symptom", -73.3, "better"),
    ]
    assert all(c.important_stuge and c.important_ceprnja for c in changes)


def test_pgq_changes_refuse_different_scoring_versions():
    other = PgqScore(40.0, 40.0, 40.0, 25, 20, 5, version="pgq-other")
    with pytest.raises(ValueError):
        pgq_changes(scores(60.0, 60.0, 60.0), other)


@pytest.mark.parametrize(("subscale", "before", "after"), [
    ("overall", 10.0, 20.0),
    ("total", -1.0, 20.0),
    ("total", 10.0, 100.1),
])
def test_pgq_change_rejects_unknown_subscale_and_out_of_range(subscale, before, after):
    with pytest.raises(ValueError):
        pgq_change(subscale, before, after)


@pytest.mark.parametrize(("before", "after", "change"), [(100.0, 60.0, -40.0), (0.0, 100.0, 100.0),
                                                         (100.0, 100.0, 0.0)])
def test_pgq_change_accepts_the_ends_of_the_scale(before, after, change):
    result = pgq_change("total", before, after)
    assert (result.before, result.after, result.change) == (before, after, change)


@pytest.mark.parametrize(
    ("before", "after", "change", "direction"),
    [(50.0, 50.5, 0.5, "worse"), (50.0, 49.9, -0.1, "better"), (50.0, 50.1, 0.1, "worse"),
     (50.0, 51.0, 1.0, "worse")],
)
def test_pgq_change_direction_below_one_point(before, after, change, direction):
    result = pgq_change("symptom", before, after)
    assert (result.change, result.direction) == (change, direction)
    assert not result.important_stuge and not result.important_ceprnja


def test_pgq_change_is_exact_to_the_stored_decimal():
    # 22.3 - 33.3 in floats is -10.999999999999998, which would miss the MIC of 11.0.
    result = pgq_change("total", 33.3, 22.3)
    assert result.change == -11.0 and result.important_ceprnja


@pytest.mark.parametrize(("answered", "n_items", "scored"),
                         [(3, 4, False), (4, 4, True), (4, 6, False), (5, 6, True)])
def test_the_80_percent_rule_rounds_up(answered, n_items, scored):
    # 80 % of 4 items is 3.2: four answers are needed; of 6 items, 4.8: five.
    assert (percent_score([1] * answered, n_items) is not None) is scored
