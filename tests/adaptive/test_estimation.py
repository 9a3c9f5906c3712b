import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adaptive import estimation, irt

WORKED_A, WORKED_B, WORKED_CORRECT = [1.5, 1.5, 1.5], [0.0, 0.0, 1.0], [True, True, False]

answer_lists = st.lists(
    st.tuples(
        st.floats(min_value=0.2, max_value=3.0),
        st.floats(min_value=-5, max_value=5),
        st.booleans(),
    ),
    max_size=40,
)


def columns(answers):
    a, b, correct = zip(*answers) if answers else ((), (), ())
    return list(a), list(b), list(correct)


def test_the_reference_variant_reproduces_the_worked_check_with_a_capped_move():
    history = estimation.reference_history(WORKED_A, WORKED_B, WORKED_CORRECT, -3.0, 0.5)
    assert [h.capacity for h in history] == pytest.approx([-1.5, -0.75, -0.375], abs=1e-4)


def test_the_reference_variant_reproduces_the_worked_check_without_cap_and_its_error_rates():
    history = estimation.reference_history(WORKED_A, WORKED_B, WORKED_CORRECT, 0.0, None)
    assert [h.capacity for h in history] == pytest.approx([0.7159, 1.4514, 1.1440], abs=1e-4)
    assert [h.standard_error for h in history] == pytest.approx([0.9932, 0.9453, 0.7724], abs=1e-4)


def test_the_raw_posterior_means_before_the_cap_match_the_worked_check():
    running, capacity, raw_means = np.zeros_like(estimation.GRID), -3.0, []
    log_right, log_wrong = irt.log_probability_tables(
        np.array(WORKED_A), np.array(WORKED_B), estimation.GRID
    )
    for answer, correct in enumerate(WORKED_CORRECT):
        running = running + (log_right[answer] if correct else log_wrong[answer])
        raw_means.append(estimation.reference_step(running, capacity, None))
        capacity = estimation.capped_move(capacity, raw_means[-1], 0.5)
    assert raw_means == pytest.approx([-1.2288, 0.3300, 0.3426], abs=1e-4)


def test_without_answers_the_reference_gives_the_initial_capacity_and_an_error_of_5():
    assert estimation.reference_estimate([], [], [], -3.0, 0.5) == (-3.0, 5.0)


@pytest.mark.parametrize(
    ("previous", "raw", "vp", "expected"),
    [
        (-3.0, 0.0, 0.5, -1.5),  # |c * vp| far from zero
        (0.2, 2.0, 0.5, 0.7),  # vp itself near zero
        (0.2, -2.0, 0.5, -0.3),
        (1.0, 1.2, 0.5, 1.2),  # within the gap: untouched
        (1.0, 5.0, 0, 5.0),  # 0 disables the cap
    ],
)
def test_the_move_is_capped_as_the_reference_does(previous, raw, vp, expected):
    assert estimation.capped_move(previous, raw, vp) == pytest.approx(expected)


@given(answer_lists)
def test_posteriors_sum_to_one(answers):
    a, b, correct = columns(answers)
    log_density = estimation.log_likelihood(a, b, correct) + estimation.normal_log_prior(0, 1)
    assert estimation.posterior(log_density).sum() == pytest.approx(1.0)


@given(answer_lists)
def test_estimates_stay_in_the_grid_and_errors_are_finite(answers):
    a, b, correct = columns(answers)
    for estimate in [estimation.eap(a, b, correct), estimation.reference_estimate(a, b, correct)]:
        assert estimation.GRID[0] <= estimate.capacity <= estimation.GRID[-1]
        assert 0 <= estimate.standard_error < np.inf


def test_without_answers_eap_gives_the_prior_mean_and_sd():
    capacity, error = estimation.eap([], [], [], prior_mean=0.5, prior_sd=1.0)
    assert capacity == pytest.approx(0.5) and error == pytest.approx(1.0, abs=1e-3)


def test_a_right_answer_raises_the_estimate_and_a_wrong_one_lowers_it():
    assert estimation.eap([1.0], [0.0], [True]).capacity > 0 > estimation.eap([1.0], [0.0], [False]).capacity


def test_the_standard_error_shrinks_as_answers_come_in():
    rng = np.random.default_rng(3)
    a, b, correct = np.full(30, 1.5), rng.normal(size=30), rng.random(30) < 0.5
    errors = [estimation.eap(a[:n], b[:n], correct[:n]).standard_error for n in (0, 5, 15, 30)]
    assert errors == sorted(errors, reverse=True)


def test_eap_is_recomputed_from_the_full_answer_list_in_any_order():
    rng = np.random.default_rng(4)
    a, b, correct = rng.uniform(0.5, 2, 20), rng.normal(size=20), rng.random(20) < 0.5
    order = rng.permutation(20)
    assert estimation.eap(a, b, correct) == pytest.approx(estimation.eap(a[order], b[order], correct[order]))
