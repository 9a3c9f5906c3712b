import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adaptive import irt
from adaptive.scoring import (
    COMPETENCE_CODES,
    SEED_GLOBAL_INTERVALS,
    CompetenceLevelInterval,
    Interval,
    ScoringConfig,
    certification_status,
    competence_level,
    competence_levels,
    confidence_band,
    downgrade_capacity,
    max_reachable_score,
    mesh_index,
    mesh_level_from_score,
    pix_score,
    score_certification,
    should_downgrade_capacity,
)

capacities = st.floats(min_value=-12, max_value=12, allow_nan=False)


@pytest.mark.parametrize(
    ("capacity", "score"),
    [(-2, 52), (-1.4, 64), (0, 187), (0.6, 256), (2, 469), (3.1, 640), (4.5, 784), (8, 895),
     (11, 895), (-4.67, 0), (-4.68, 0), (-20, 0)],
)  # fmt: skip
def test_the_worked_score_examples_of_the_seed_intervals_hold(capacity, score):
    assert pix_score(capacity) == score


def test_the_maximum_score_is_895_at_level_seven():
    assert max_reachable_score(7) == 895
    assert pix_score(100.0, max_reachable_level=5) == 639


def test_a_capacity_below_the_first_interval_reaches_no_mesh_level():
    assert mesh_index(-5.0, SEED_GLOBAL_INTERVALS) is None
    assert mesh_index(-4.67, SEED_GLOBAL_INTERVALS) == 0
    assert mesh_index(0.0, SEED_GLOBAL_INTERVALS) == 2
    assert mesh_index(9.0, SEED_GLOBAL_INTERVALS) == 7


def test_a_capacity_in_a_gap_between_intervals_gets_the_last_mesh_level():
    intervals = (Interval(0, 1), Interval(2, 3))
    assert mesh_index(1.5, intervals) == 1


def test_an_interval_needs_a_max_above_its_min():
    with pytest.raises(ValueError):
        Interval(1.0, 1.0)


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, 0), (63, 0), (64, 1), (127, 1), (128, 2), (255, 2), (256, 3), (767, 6), (768, 7),
     (895, 7), (1000, 7)],
)  # fmt: skip
def test_the_mesh_level_is_read_back_from_the_score_bands(score, level):
    assert mesh_level_from_score(score) == level


@given(capacities, capacities)
def test_the_score_never_decreases_when_the_capacity_grows(low, high):
    low, high = min(low, high), max(low, high)
    assert 0 <= pix_score(low) <= pix_score(high) <= 895


@given(capacities)
def test_the_score_and_the_mesh_level_agree(capacity):
    index = mesh_index(capacity, SEED_GLOBAL_INTERVALS)
    assert mesh_level_from_score(pix_score(capacity)) == (0 if index is None else index)


@pytest.mark.parametrize(
    ("capacity", "level"),
    [(-9, 0), (-2.01, 0), (-2, 1), (-1, 2), (0.49, 2), (0.5, 3), (1, 4), (2, 5), (3, 6), (4, 7),
     (50, 7)],
)  # fmt: skip
def test_competence_levels_follow_the_seed_mapping_for_all_sixteen_competences(capacity, level):
    levels = competence_levels(capacity)
    assert set(levels) == set(COMPETENCE_CODES)
    assert set(levels.values()) == {level}


def test_competence_intervals_may_be_given_in_any_order():
    intervals = [
        CompetenceLevelInterval(2, Interval(1, 2)),
        CompetenceLevelInterval(1, Interval(0, 1)),
    ]
    assert competence_level(-5, intervals) == 1
    assert competence_level(1.5, intervals) == 2
    assert competence_level(5, intervals) == 2


@given(capacities, capacities)
def test_competence_levels_never_decrease_when_the_capacity_grows(low, high):
    low, high = min(low, high), max(low, high)
    assert competence_levels(low)["1.1"] <= competence_levels(high)["1.1"]


def test_a_certification_score_gathers_score_level_and_competences():
    score = score_certification(0.0, ScoringConfig())
    assert (score.pix_score, score.mesh_index) == (187, 2)
    assert score.competence_levels["3.4"] == 2


@given(capacities, st.floats(min_value=0, max_value=5))
def test_the_confidence_band_holds_the_score(capacity, standard_error):
    low, high = confidence_band(capacity, standard_error)
    assert low <= pix_score(capacity) <= high


def test_a_wider_error_gives_a_wider_band():
    narrow = confidence_band(1.0, 0.2)
    wide = confidence_band(1.0, 0.6)
    assert wide[0] < narrow[0] and narrow[1] < wide[1]


# --- degradation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "reason", "expected"),
    [(19, "candidate", False), (20, "candidate", True), (31, "candidate", True),
     (32, "candidate", False), (25, "technical", False), (25, None, False)],
)  # fmt: skip
def test_only_a_test_left_by_the_candidate_after_twenty_answers_is_degraded(
    answers, reason, expected
):
    assert should_downgrade_capacity(answers, reason) is expected


def _bank(size=200, seed=0):
    rng = np.random.default_rng(seed)
    return np.clip(rng.lognormal(0, 0.3, size), 0.3, 2.5), rng.normal(0, 1.2, size)


def _plain_eap(discrimination, difficulty):
    """A small fixed-prior EAP standing in for the engine's estimator."""
    nodes = irt.grid()

    def estimate(items, outcomes, initial_capacity):
        log_density = -0.5 * (nodes - initial_capacity) ** 2
        p = irt.probability(nodes[None, :], discrimination[items, None], difficulty[items, None])
        log_density = log_density + np.where(
            np.array(outcomes)[:, None], np.log(p), np.log1p(-p)
        ).sum(0)
        weights = np.exp(log_density - log_density.max())
        return float(weights @ nodes / weights.sum())

    return estimate


def _best_item(discrimination, difficulty):
    def next_item(items, capacity):
        info = irt.information(capacity, discrimination, difficulty)
        info[list(items)] = -np.inf
        return int(np.argmax(info))

    return next_item


def test_degradation_fills_the_test_with_failures_and_lowers_the_capacity():
    a, b = _bank()
    estimate, served = _plain_eap(a, b), []

    def next_item(items, capacity):
        item = _best_item(a, b)(items, capacity)
        served.append(item)
        return item

    items, outcomes = list(range(22)), [True] * 22
    capacity = estimate(items, outcomes, 0.0)
    degraded = downgrade_capacity(
        capacity, items, outcomes, abort_reason="candidate", next_item=next_item, estimate=estimate
    )
    assert len(served) == 32 - 22
    assert not set(served) & set(items) and len(set(served)) == len(served)
    assert degraded < capacity


def test_degradation_leaves_a_technical_abort_alone():
    a, b = _bank()
    items, outcomes = list(range(25)), [True] * 25

    def never_called(*_):
        raise AssertionError("no simulation for a technical abort")

    assert (
        downgrade_capacity(
            1.2, items, outcomes, abort_reason="technical", next_item=never_called,
            estimate=never_called,
        )
        == 1.2
    )  # fmt: skip


def test_degradation_starts_every_estimate_from_the_capacity_before_degradation():
    starts = []

    def estimate(items, outcomes, initial_capacity):
        starts.append(initial_capacity)
        return initial_capacity - 0.1 * outcomes.count(False)

    degraded = downgrade_capacity(
        0.7, list(range(30)), [True] * 30, abort_reason="candidate",
        next_item=lambda items, capacity: len(items), estimate=estimate,
    )  # fmt: skip
    assert starts == [0.7, 0.7]
    assert degraded == pytest.approx(0.5)


def test_degradation_stops_when_no_item_is_left():
    degraded = downgrade_capacity(
        0.3, list(range(20)), [True] * 20, abort_reason="candidate",
        next_item=lambda items, capacity: None, estimate=lambda *args: -9.0,
    )  # fmt: skip
    assert degraded == 0.3


# --- status ---------------------------------------------------------------------------------


def _status(**overrides):
    arguments = dict(answer_count=32, abort_reason=None, pix_score=300, mesh_index=3)
    return certification_status(**{**arguments, **overrides})


def test_a_complete_test_with_a_score_is_validated():
    assert _status().status == "validated"


def test_the_status_rules_apply_in_order():
    assert _status(cancelled_by_jury=True, rejected_for_fraud=True).status == "cancelled_by_jury"
    assert _status(rejected_for_fraud=True, answer_count=3).jury_comment == "FRAUD"
    technical = _status(answer_count=19, abort_reason="technical")
    assert (technical.status, technical.keeps_score) == ("cancelled", False)
    assert _status(answer_count=19, abort_reason="candidate").jury_comment == (
        "REJECTED_DUE_TO_LACK_OF_ANSWERS"
    )
    assert _status(edu_framework=True, mesh_index=None).jury_comment == "REJECTED_EDU_NOT_ELIGIBLE"
    zero = _status(pix_score=0, mesh_index=None)
    assert (zero.status, zero.jury_comment, zero.keeps_score) == (
        "rejected", "REJECTED_DUE_TO_ZERO_PIX_SCORE", True,
    )  # fmt: skip
    assert _status(mesh_index=None).status == "rejected"


def test_a_technical_abort_after_twenty_answers_is_scored_normally():
    assert _status(answer_count=24, abort_reason="technical").status == "validated"
