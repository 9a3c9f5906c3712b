from dataclasses import astuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adaptive.calibration import (
    POOLING_MINIMUM_ITEMS,
    POOLING_MINIMUM_SD,
    CalibrationResult,
    Priors,
    ability_posteriors,
    calibrate,
    calibrate_pooled,
    drift_report,
    empirical_priors,
    quadrature,
    simulate_answers,
)


def synthetic_bank(n_items, rng):
    """The bank of the acceptance criteria: a ~ lognormal(0, 0.3), b ~ N(0, 1.2), clipped."""
    discrimination = np.clip(rng.lognormal(0.0, 0.3, n_items), 0.3, 2.5)
    difficulty = np.clip(rng.normal(0.0, 1.2, n_items), -4.0, 4.0)
    return discrimination, difficulty


def rmse(estimate, truth):
    return float(np.sqrt(np.mean((estimate - truth) ** 2)))


def rms(values):
    return float(np.sqrt(np.mean(values**2)))


@pytest.fixture(scope="module")
def acceptance_fit():
    """200,000 answers over 500 items: 10,000 examinees answering 20 random items each."""
    rng = np.random.default_rng(2024)
    discrimination, difficulty = synthetic_bank(500, rng)
    answers = simulate_answers(discrimination, difficulty, rng.normal(0, 1, 10_000), 20, rng)
    return discrimination, difficulty, answers, calibrate(*answers, 500)


def test_two_hundred_thousand_answers_recover_the_parameters_as_far_as_the_data_allow(
    acceptance_fit,
):
    # 400 random answers per item carry too little information for 0.15 (even knowing every
    # examinee's ability, the Cramer-Rao bound is 0.156 for a and 0.22 for b on this bank).
    discrimination, difficulty, _, result = acceptance_fit
    assert result.converged
    assert len(result.n_responses) == 500 and result.n_responses.sum() == 200_000
    assert rmse(result.discrimination, discrimination) <= 0.19
    assert rmse(result.difficulty, difficulty) <= 0.22


def test_the_standard_errors_match_the_actual_errors(acceptance_fit):
    discrimination, difficulty, _, result = acceptance_fit
    assert 0.8 <= rmse(result.discrimination, discrimination) / rms(result.discrimination_se) <= 1.2
    assert 0.8 <= rmse(result.difficulty, difficulty) / rms(result.difficulty_se) <= 1.2


def test_a_thousand_answers_per_item_recover_both_parameters_within_0_15():
    rng = np.random.default_rng(7)
    discrimination, difficulty = synthetic_bank(250, rng)
    answers = simulate_answers(discrimination, difficulty, rng.normal(0, 1, 12_500), 20, rng)
    result = calibrate(*answers, 250)
    assert rmse(result.discrimination, discrimination) <= 0.15
    assert rmse(result.difficulty, difficulty) <= 0.15


def test_empirical_priors_shrink_discriminations_toward_the_bank_and_do_not_hurt(acceptance_fit):
    discrimination, difficulty, answers, first = acceptance_fit
    priors = empirical_priors(first)
    assert 0.1 < priors.log_discrimination_sd < 0.5
    assert (priors.difficulty_mean, priors.difficulty_sd) == (Priors().difficulty_mean, Priors().difficulty_sd)
    second = calibrate(*answers, 500, priors=priors, previous=first)
    assert rmse(second.discrimination, discrimination) < rmse(first.discrimination, discrimination)
    assert rmse(second.difficulty, difficulty) <= rmse(first.difficulty, difficulty) + 0.005


def test_empirical_priors_may_pool_the_difficulties_too(acceptance_fit):
    priors = empirical_priors(acceptance_fit[3], difficulty=True)
    assert abs(priors.difficulty_mean) < 0.2 and 0.9 < priors.difficulty_sd < 1.5


def test_the_pooled_calibration_is_the_second_stage_fit(acceptance_fit):
    discrimination, _, answers, first = acceptance_fit
    pooled = calibrate_pooled(*answers, 500)
    expected = calibrate(*answers, 500, priors=empirical_priors(first), previous=first)
    np.testing.assert_allclose(pooled.discrimination, expected.discrimination)
    np.testing.assert_allclose(pooled.difficulty, expected.difficulty)


def test_a_bank_too_small_to_pool_on_keeps_the_first_fit():
    rng = np.random.default_rng(3)
    discrimination, difficulty = synthetic_bank(POOLING_MINIMUM_ITEMS - 1, rng)
    answers = simulate_answers(discrimination, difficulty, rng.normal(0, 1, 2_000), 10, rng)
    pooled = calibrate_pooled(*answers, len(difficulty))
    first = calibrate(*answers, len(difficulty))
    np.testing.assert_array_equal(pooled.discrimination, first.discrimination)


def test_starting_from_the_previous_calibration_converges_sooner_to_the_same_values(
    acceptance_fit,
):
    _, _, answers, first = acceptance_fit
    again = calibrate(*answers, 500, previous=first)
    assert again.iterations < first.iterations
    np.testing.assert_allclose(again.difficulty, first.difficulty, atol=2e-3)
    np.testing.assert_allclose(again.discrimination, first.discrimination, atol=2e-3)


def small_data(seed=0, n_items=30, persons=600, per_person=10):
    rng = np.random.default_rng(seed)
    discrimination, difficulty = synthetic_bank(n_items, rng)
    return simulate_answers(discrimination, difficulty, rng.normal(0, 1, persons), per_person, rng)


def test_an_item_without_answers_gets_the_prior():
    persons, items, correct = small_data()
    priors = Priors(log_discrimination_mean=0.1, difficulty_mean=-0.5, difficulty_sd=1.5)
    result = calibrate(persons, items, correct, 31, priors=priors)
    assert result.n_responses[30] == 0
    assert result.difficulty[30] == pytest.approx(-0.5, abs=1e-3)
    assert result.discrimination[30] == pytest.approx(np.exp(0.1), abs=1e-3)
    assert result.difficulty_se[30] == pytest.approx(1.5, rel=1e-3)


def test_an_item_with_few_answers_stays_near_the_prior():
    persons, items, correct = small_data()
    # Three right answers on a new item would send an unpenalised difficulty to minus infinity.
    persons = np.r_[persons, 0, 1, 2]
    items = np.r_[items, 30, 30, 30]
    correct = np.r_[correct, True, True, True]
    result = calibrate(persons, items, correct, 31)
    assert -4.0 < result.difficulty[30] < 0.0
    assert result.difficulty_se[30] > 1.0
    assert result.difficulty_se[30] > 3 * np.median(result.difficulty_se[:30])


def test_person_ids_need_not_be_contiguous():
    persons, items, correct = small_data()
    compact = calibrate(persons, items, correct, 30)
    spread = calibrate(persons * 1000 + 17, items, correct, 30)
    np.testing.assert_allclose(spread.difficulty, compact.difficulty)


def test_the_quadrature_weights_sum_to_one():
    nodes, log_weights = quadrature()
    assert np.exp(log_weights).sum() == pytest.approx(1.0)
    assert nodes[0] == -nodes[-1]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 9), st.booleans()), min_size=1,
             max_size=200, unique_by=lambda answer: answer[:2]),
)  # fmt: skip
def test_every_ability_posterior_sums_to_one(answers):
    persons, items, correct = map(np.array, zip(*answers, strict=True))
    rng = np.random.default_rng(0)
    discrimination, difficulty = synthetic_bank(10, rng)
    ids, nodes, posterior = ability_posteriors(persons, items, correct, discrimination, difficulty)
    assert posterior.shape == (len(ids), len(nodes))
    assert np.all(posterior >= 0)
    np.testing.assert_allclose(posterior.sum(axis=1), 1.0)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 7), st.booleans()), min_size=1,
             max_size=300, unique_by=lambda answer: answer[:2]),
)  # fmt: skip
def test_any_answers_give_finite_estimates_and_positive_errors(answers):
    persons, items, correct = map(np.array, zip(*answers, strict=True))
    result = calibrate(persons, items, correct, 8)
    assert np.all(np.isfinite(result.difficulty)) and np.all(result.discrimination > 0)
    assert np.all(result.difficulty_se > 0) and np.all(result.discrimination_se > 0)
    assert np.isfinite(result.log_likelihood)


def test_answers_must_be_triplets_of_equal_length_on_known_items():
    with pytest.raises(ValueError):
        calibrate([0, 1], [0], [True], 3)
    with pytest.raises(ValueError):
        calibrate([0], [3], [True], 3)
    with pytest.raises(ValueError):
        calibrate([], [], [], 3)


def test_simulated_examinees_never_see_an_item_twice():
    persons, items, _ = small_data(per_person=12)
    pairs = persons * 1000 + items
    assert len(np.unique(pairs)) == len(pairs) == 600 * 12


# --- drift ----------------------------------------------------------------------------------


def test_the_drift_report_flags_the_items_that_moved_and_only_those():
    rng = np.random.default_rng(11)
    discrimination, difficulty = synthetic_bank(60, rng)
    answers = simulate_answers(discrimination, difficulty, rng.normal(0, 1, 6000), 20, rng)
    before = calibrate(*answers, 60)
    moved_difficulty, moved_discrimination = difficulty.copy(), discrimination.copy()
    moved_difficulty[0] += 1.5  # e.g. an item whose content was changed
    moved_discrimination[1] = 0.3 if discrimination[1] > 1.2 else 2.4
    after = calibrate(
        *simulate_answers(moved_discrimination, moved_difficulty, rng.normal(0, 1, 6000), 20, rng),
        60,
        previous=before,
    )
    report = drift_report(after, before, item_ids=[f"rec{i}" for i in range(60)])
    flagged = {drift.item for drift in report if drift.flagged}
    assert {"rec0", "rec1"} <= flagged
    assert len(flagged) <= 4
    assert report[0].difficulty_after - report[0].difficulty_before == pytest.approx(1.5, abs=0.5)


def test_an_absolute_threshold_flags_any_large_enough_move(acceptance_fit):
    _, _, _, result = acceptance_fit
    shifted = CalibrationResult(
        discrimination=result.discrimination,
        difficulty=result.difficulty + np.where(np.arange(500) == 5, 0.3, 0.0),
        discrimination_se=result.discrimination_se,
        difficulty_se=result.difficulty_se * 10,
        n_responses=result.n_responses,
        iterations=1,
        converged=True,
        log_likelihood=0.0,
    )
    assert not any(drift.flagged for drift in drift_report(shifted, result))
    report = drift_report(shifted, result, absolute_threshold=0.25)
    assert [drift.item for drift in report if drift.flagged] == [5]


def test_the_drift_report_needs_the_same_items():
    first = calibrate(*small_data(), 30)
    second = calibrate(*small_data(), 31)
    with pytest.raises(ValueError):
        drift_report(second, first)


def test_items_added_since_the_previous_calibration_start_from_their_answers():
    persons, items, correct = small_data()
    first = calibrate(persons, items, correct, 30)
    grown = CalibrationResult(
        discrimination=np.r_[first.discrimination[:29], np.nan],
        difficulty=np.r_[first.difficulty[:29], np.nan],
        discrimination_se=first.discrimination_se,
        difficulty_se=first.difficulty_se,
        n_responses=first.n_responses,
        iterations=first.iterations,
        converged=True,
        log_likelihood=first.log_likelihood,
    )
    again = calibrate(persons, items, correct, 30, previous=grown)
    assert again.converged
    np.testing.assert_allclose(again.difficulty, first.difficulty, atol=1e-3)


def test_items_without_answers_do_not_narrow_the_empirical_priors(acceptance_fit):
    discrimination, difficulty, (persons, items, correct), _ = acceptance_fit
    kept = items < 400  # the last 100 items get no answer: they sit at the prior's mode
    partial = calibrate(persons[kept], items[kept], correct[kept], 500)
    answered_only = calibrate(persons[kept], items[kept], correct[kept], 400)
    assert astuple(empirical_priors(partial)) == pytest.approx(
        astuple(empirical_priors(answered_only)), rel=1e-3
    )


def test_answers_too_few_to_tell_the_spread_of_discriminations_keep_the_first_fit():
    # 50 answers per item: the spread of the estimates is all error; pooling would give every item
    # the same discrimination with a standard error of a few hundredths.
    rng = np.random.default_rng(1)
    discrimination, difficulty = synthetic_bank(60, rng)
    answers = simulate_answers(discrimination, difficulty, rng.normal(0, 1, 300), 10, rng)
    first = calibrate(*answers, 60)
    assert empirical_priors(first).log_discrimination_sd == POOLING_MINIMUM_SD
    pooled = calibrate_pooled(*answers, 60)
    np.testing.assert_array_equal(pooled.discrimination, first.discrimination)
