import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adaptive import irt

thetas = st.floats(min_value=-12, max_value=12, allow_nan=False)
discriminations = st.floats(min_value=0.05, max_value=5)
difficulties = st.floats(min_value=-8, max_value=8)


def test_the_grid_has_81_points_from_minus_9_to_9_every_0_225():
    grid = irt.grid()
    assert len(grid) == 81
    assert grid[0] == -9.0 and abs(grid[-1] - 9.0) < 1e-12
    assert np.allclose(np.diff(grid), 0.225)


def test_the_probability_is_one_half_at_the_difficulty_and_rises_with_ability():
    assert irt.probability(0.7, 1.3, 0.7) == 0.5
    assert irt.probability(1.0, 1.3, 0.7) > 0.5 > irt.probability(0.0, 1.3, 0.7)


@given(thetas, discriminations, difficulties)
def test_information_is_never_negative_and_never_above_a_squared_over_4(theta, a, b):
    info = irt.information(theta, a, b)
    assert 0.0 <= info <= a * a / 4 + 1e-12


def test_information_broadcasts_over_items_and_thetas():
    a, b = np.array([1.0, 2.0, 0.5]), np.array([0.0, 1.0, -1.0])
    table = irt.information(irt.grid()[:, None], a[None, :], b[None, :])
    assert table.shape == (81, 3)
    assert np.allclose(table[:, 1], irt.information(irt.grid(), 2.0, 1.0))


@given(discriminations, difficulties)
def test_the_log_tables_are_the_logs_of_the_probabilities_and_stay_finite(a, b):
    log_right, log_wrong = irt.log_probability_tables(np.array([a]), np.array([b]), irt.grid())
    p = irt.probability(irt.grid(), a, b)
    assert np.all(np.isfinite(log_right)) and np.all(np.isfinite(log_wrong))
    assert np.allclose(np.exp(log_right[0]), p, atol=1e-12)
    assert np.allclose(np.exp(log_wrong[0]), 1 - p, atol=1e-12)


def test_the_ranking_puts_the_most_informative_item_first_and_keeps_ties_in_bank_order():
    a = np.array([1.0, 2.0, 2.0, 0.5])
    b = np.array([0.0, 3.0, 3.0, 0.0])
    ranking = irt.information_ranking(a, b, np.array([0.0, 3.0]), depth=4)
    assert ranking[0, 0] == 0  # at 0, the a=1 item centred on 0 beats the a=2 ones at 3
    assert list(ranking[1, :2]) == [1, 2]  # equal items keep their order


def test_the_ranking_depth_is_capped_by_the_bank_size():
    assert irt.information_ranking(np.ones(3), np.zeros(3), np.zeros(5), depth=10).shape == (5, 3)


@given(thetas, discriminations, difficulties, st.floats(min_value=0.05, max_value=3))
def test_expected_information_is_never_negative_nor_above_the_peak(theta, a, b, spread):
    value = irt.expected_information(np.array([a]), np.array([b]), np.array([theta]), spread)[0, 0]
    assert 0.0 <= value <= a * a / 4 + 1e-12


def test_expected_information_averages_the_information_over_the_normal_ability():
    a, b = np.array([2.0, 0.7]), np.array([0.3, -1.0])
    thetas = np.linspace(-10, 10, 20001)
    for mean, spread in [(0.0, 1.0), (1.5, 0.3)]:
        weights = np.exp(-0.5 * ((thetas - mean) / spread) ** 2)
        weights /= weights.sum()
        exact = weights @ irt.information(thetas[:, None], a, b)
        assert irt.expected_information(a, b, np.array([mean]), spread)[0] == pytest.approx(exact, rel=1e-3)
    # a narrow spread is the information at the mean; a wide one flattens the sharp item most
    narrow = irt.expected_information(a, b, np.array([0.3]), 0.01)[0]
    assert narrow == pytest.approx(irt.information(0.3, a, b), rel=1e-3)


def test_ranking_rows_agrees_with_the_ranking_of_each_row():
    scores = np.random.default_rng(1).random((6, 50))
    rows = irt.ranking_rows(scores, 7)
    assert all(list(rows[r]) == list(irt.top_indices(scores[r], 7)) for r in range(6))
    assert list(irt.ranking_rows(scores[:, :5], 7)[0]) == list(np.argsort(-scores[0, :5]))
