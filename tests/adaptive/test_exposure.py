import json
import os

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adaptive import cat, exposure
from adaptive.bank import synthetic_bank
from adaptive.cat import CatConfig, CatEngine, administer

shares = st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=50)


def test_an_over_exposed_item_loses_eligibility_in_proportion():
    updated = exposure.next_parameters(np.array([1.0, 0.5]), np.array([0.5, 0.5]), 0.25)
    assert updated == pytest.approx([0.5, 0.25])


def test_an_item_under_the_target_or_never_administered_becomes_more_eligible():
    updated = exposure.next_parameters(np.array([0.2, 0.3]), np.array([0.1, 0.0]), 0.25)
    assert updated == pytest.approx([0.5, 1.0])


@given(shares, shares, st.floats(min_value=0.01, max_value=1), st.floats(min_value=0.1, max_value=1))
def test_parameters_always_stay_between_0_and_1(parameters, rates, target, damping):
    size = min(len(parameters), len(rates))
    updated = exposure.next_parameters(np.array(parameters[:size]), np.array(rates[:size]), target, damping)
    assert np.all((updated >= 0) & (updated <= 1))


def test_the_eligibility_lottery_follows_the_parameters():
    uniforms = np.random.default_rng(0).random((20000, 3))
    eligible = exposure.draw_eligibility(np.array([0.0, 0.3, 1.0]), uniforms)
    assert eligible.mean(axis=0) == pytest.approx([0.0, 0.3, 1.0], abs=0.01)


def test_identical_tests_overlap_fully_and_disjoint_tests_not_at_all():
    assert exposure.overlap_rate([[0, 1, 2], [0, 1, 2]], 6) == 1.0
    assert exposure.overlap_rate([[0, 1, 2], [3, 4, 5]], 6) == 0.0
    assert exposure.overlap_rate([[0, 1], [0, 2], [3, 4]], 5) == pytest.approx(1 / 6)


def test_exposure_rates_count_each_test_once():
    assert list(exposure.exposure_rates([[0, 1], [1, 2]], 4)) == [0.5, 1.0, 0.5, 0.0]


def test_items_at_the_cap_are_closed():
    assert list(exposure.closed_items(np.array([25, 24, 0]), 100, 0.25)) == [True, False, False]


def test_the_fitted_parameters_bring_every_exposure_down_to_about_the_target():
    bank = synthetic_bank(300, n_competences=4, seed=5)
    config = CatConfig(
        length=12, competence_spacing=1, max_exposure=0.3, exposure_fit_margin=0.0,
        exposure_fit_examinees=300, exposure_fit_iterations=8,
    )
    engine = CatEngine.from_bank(bank, config)
    assert engine.exposure.eligibility.min() < 1.0 or engine.exposure.prices.max() > 0
    rng = np.random.default_rng(99)
    tests = [administer(engine, ability, [99, n], rng).items for n, ability in enumerate(rng.normal(size=600))]
    unconstrained = CatEngine.from_bank(bank, CatConfig(length=12, competence_spacing=1, max_exposure=None))
    free_tests = [administer(unconstrained, ability, n, rng).items for n, ability in enumerate(rng.normal(size=600))]
    assert exposure.exposure_rates(free_tests, len(bank)).max() > 0.6
    assert exposure.exposure_rates(tests, len(bank)).max() < 0.38  # 0.3 plus sampling noise


def test_parameters_stored_with_a_calibration_version_give_back_the_same_engine():
    bank = synthetic_bank(200, n_competences=4, seed=6)
    small = dict(length=8, competence_spacing=1, exposure_fit_examinees=100,
                 price_fit_iterations=4, exposure_fit_iterations=3)
    fitted = CatEngine.from_bank(bank, CatConfig(**small))
    stored = json.loads(json.dumps(fitted.exposure.to_json()))  # as saved in a JSON field
    loaded = CatEngine.from_bank(bank, CatConfig(**small, exposure_parameters=stored))
    assert np.array_equal(loaded.exposure.eligibility, fitted.exposure.eligibility)
    assert np.array_equal(loaded.exposure.prices, fitted.exposure.prices)
    answers = [True, False, False, True, True, False, True, False]
    assert run(loaded, 4, answers).items == run(fitted, 4, answers).items


def run(engine, seed, answers):
    state = engine.start(seed)
    for correct in answers:
        engine.update(state, engine.select(state), correct)
    return state


def test_the_parameters_read_back_from_json_or_from_a_bare_list_of_eligibilities():
    parameters = exposure.ExposureParameters([1.0, 0.5], [0.0, 0.2])
    again = exposure.ExposureParameters.from_json(parameters.to_json())
    assert again.eligibility.tolist() == [1.0, 0.5] and again.prices.tolist() == [0.0, 0.2]
    legacy = exposure.ExposureParameters.from_json([1.0, 0.5])
    assert legacy.prices.tolist() == [0.0, 0.0]
    with pytest.raises(ValueError):
        exposure.ExposureParameters.coerce(parameters, 3)
    with pytest.raises(ValueError):
        exposure.ExposureParameters([1.5], [0.0])


def test_prices_rise_on_the_over_exposed_items_until_they_reach_the_target():
    demand = np.array([0.9, 0.5, 0.1])  # exposure falls as the price rises, by a noisy response

    def exposure_under(prices, iteration):
        noise = np.random.default_rng(iteration).normal(0, 0.005, 3)
        return np.clip(demand - prices + noise, 0, 1)

    prices = exposure.fit_prices(exposure_under, 3, target=0.25, iterations=40)
    assert prices == pytest.approx([0.65, 0.25, 0.0], abs=0.02)


def test_the_trimming_pass_lowers_only_the_items_over_the_target():
    parameters = np.array([1.0, 0.8, 0.5])
    trimmed = exposure.trim_parameters(parameters, np.array([0.30, 0.20, 0.0]), target=0.20)
    assert trimmed == pytest.approx([1.0 * 0.20 / 0.30, 0.8, 0.5])


@pytest.mark.skipif(
    os.environ.get(cat.FIT_PROCESSES_VARIABLE) == "1",
    reason="this process holds Redis connections that a forked child blocks on; the run without a "
           "broker checks the split")
def test_the_fit_gives_the_same_parameters_on_one_process_or_several():
    bank = synthetic_bank(300, n_competences=16, seed=4)
    def fitted(processes):
        config = CatConfig(exposure_fit_examinees=240, price_fit_iterations=3, exposure_fit_iterations=3,
                           fit_processes=processes)
        return CatEngine.from_bank(bank, config).exposure_parameters.to_json()
    assert fitted(1) == fitted(2)


def test_the_fit_stays_in_one_process_where_forking_is_unsafe():
    """A threaded web server (runserver running a task eagerly) or a daemonic worker."""
    import threading

    from adaptive import cat

    ready, done = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (ready.set(), done.wait()))
    other.start()
    ready.wait()
    try:
        assert cat._fit_processes(CatConfig(), examinees=1000) == 1
    finally:
        done.set()
        other.join()
