import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adaptive import estimation, irt
from adaptive.bank import synthetic_bank
from adaptive.cat import AssessmentEnded, CatConfig, CatEngine, NoChallengeLeft, administer
from adaptive.exposure import ExposureParameters

# Production rules with exposure parameters given (fitting them belongs to test_exposure.py).
BANK = synthetic_bank(400, n_competences=16, items_per_tube=4, seed=11, inaccessible_share=0.3)
PARAMETERS = ExposureParameters(
    eligibility=np.where(np.arange(len(BANK)) % 3 == 0, 0.5, 1.0),
    prices=np.where(BANK.discrimination > 1.3, 0.2, 0.0),
)
PRODUCTION = CatEngine.from_bank(BANK, CatConfig(exposure_parameters=PARAMETERS))
TEXTBOOK = CatEngine.from_bank(BANK, CatConfig.textbook())
REFERENCE = CatEngine.from_bank(BANK, CatConfig.reference())

seeds = st.integers(min_value=0, max_value=2**32 - 1)
answer_patterns = st.lists(st.booleans(), min_size=32, max_size=32)


def run(engine, seed, answers, **start_options):
    state = engine.start(seed, **start_options)
    for correct in answers[: engine.config.length]:
        engine.update(state, engine.select(state), correct)
    return state


def competence_labels(state):
    return [BANK.competence[item] for item in state.items]


@settings(max_examples=25, deadline=None)
@given(seeds, answer_patterns)
def test_the_same_seed_gives_the_same_test_in_any_process(seed, answers):
    # another process: an engine built anew from the parameters stored with the calibration
    stored = ExposureParameters.from_json(PARAMETERS.to_json())
    elsewhere = CatEngine.from_bank(BANK, CatConfig(exposure_parameters=stored))
    first = run(PRODUCTION, seed, answers)
    assert first.items == run(PRODUCTION, seed, answers).items == run(elsewhere, seed, answers).items
    assert PRODUCTION.estimate(first) == elsewhere.estimate(run(elsewhere, seed, answers))


def test_different_seeds_give_different_tests():
    answers = [True, False] * 16
    assert run(PRODUCTION, 7, answers).items != run(PRODUCTION, 8, answers).items


@settings(max_examples=40, deadline=None)
@given(seeds, answer_patterns)
def test_no_challenge_is_ever_served_twice(seed, answers):
    for engine in (PRODUCTION, TEXTBOOK, REFERENCE):
        items = run(engine, seed, answers).items
        assert len(items) == 32 == len(set(items))


@settings(max_examples=40, deadline=None)
@given(seeds, answer_patterns, st.booleans())
def test_the_constraint_rules_always_hold(seed, answers, accessible_only):
    excluded = list(range(0, 400, 7))
    state = run(PRODUCTION, seed, answers, accessible_only=accessible_only, excluded=excluded)
    competences = competence_labels(state)
    assert len(set(competences[:16])) == 16  # every competence first
    assert all(  # none repeated within the last 2 questions
        competences[step] not in competences[step - 2 : step] for step in range(1, 32)
    )
    tubes = BANK.tube[state.items]
    assert len(set(tubes.tolist())) == 32  # one question per tube
    assert not set(state.items) & set(excluded)
    if accessible_only:
        assert BANK.accessible[state.items].all()


def test_without_the_tube_rule_a_skill_is_still_served_once_at_most():
    engine = CatEngine.from_bank(BANK, dataclasses.replace(PRODUCTION.config, one_question_per_tube=False))
    state = run(engine, 3, [True] * 32)
    assert len(set(BANK.skill[state.items].tolist())) == 32


def test_the_spacing_rule_gives_way_when_it_would_leave_nothing():
    bank = synthetic_bank(60, n_competences=2, seed=1)
    engine = CatEngine.from_bank(bank, CatConfig(length=20, max_exposure=None, competence_spacing=2))
    assert len(run(engine, 1, [True, False] * 10).items) == 20


def test_closed_items_are_served_only_when_nothing_else_is_left():
    closed = np.zeros(len(BANK), bool)
    closed[:380] = True
    items = run(TEXTBOOK, 5, [True, False] * 16, closed=closed).items
    assert set(items[:20]) <= set(range(380, 400))  # the 20 open ones first
    assert len(items) == 32


def test_resuming_from_the_stored_answers_gives_the_same_next_question_in_any_process():
    state = PRODUCTION.start(21)
    answers = [True, True, False, True, False, False, True, True, False, True]
    for correct in answers:
        PRODUCTION.update(state, PRODUCTION.select(state), correct)
    resumed = PRODUCTION.resume(21, state.items, state.answers)
    assert PRODUCTION.select(resumed) == PRODUCTION.select(state)
    assert PRODUCTION.estimate(resumed) == PRODUCTION.estimate(state)


def test_select_does_not_change_the_state():
    state = run(PRODUCTION, 2, [True] * 5)
    assert PRODUCTION.select(state) == PRODUCTION.select(state)
    assert state.step == 5


def test_the_test_stops_after_its_length():
    state = run(PRODUCTION, 2, [True] * 32)
    assert PRODUCTION.is_finished(state)
    with pytest.raises(AssessmentEnded):
        PRODUCTION.select(state)


def test_answering_an_item_twice_is_refused():
    state = run(PRODUCTION, 2, [True])
    with pytest.raises(ValueError):
        PRODUCTION.update(state, state.items[0], True)


def test_a_bank_too_small_for_the_rules_says_so():
    bank = synthetic_bank(10, n_competences=2, seed=1)
    engine = CatEngine.from_bank(bank, CatConfig(length=12, max_exposure=None))
    with pytest.raises(NoChallengeLeft):
        run(engine, 1, [True] * 12)


def test_the_textbook_engine_serves_the_most_informative_item_at_the_estimate():
    state = run(TEXTBOOK, 4, [True, False, True, True])
    chosen = TEXTBOOK.select(state)
    theta = TEXTBOOK.estimate(state)
    info = irt.information(theta, BANK.discrimination, BANK.difficulty)
    info[state.items] = -1
    assert info[chosen] >= np.max(info) * 0.99  # ranked on a 0.05 grid around the estimate


def test_the_production_engine_serves_the_item_most_informative_on_average_over_the_posterior():
    engine = CatEngine.from_bank(BANK, CatConfig(max_exposure=None, shortlist_size=1, opening_shortlist=0))
    state = run(engine, 4, [True, False, True, True, False])
    chosen = engine.select(state)
    posterior = estimation.posterior(state.log_density)
    expected = irt.information(estimation.GRID[:, None], BANK.discrimination, BANK.difficulty).T @ posterior
    expected[~state.available] = -1
    competences_left = set(range(16)) - {BANK.competence[item] for item in state.items}
    expected[~np.isin(BANK.competence, list(competences_left))] = -1  # every competence first
    assert expected[chosen] >= expected.max() * 0.99


def test_the_first_question_is_drawn_evenly_among_the_opening_shortlist():
    engine = CatEngine.from_bank(BANK, CatConfig(max_exposure=None))
    firsts = [engine.select(engine.start(seed)) for seed in range(400)]
    counts = np.bincount(firsts)
    assert np.count_nonzero(counts) == engine.config.opening_shortlist
    assert counts.max() < 0.2 * len(firsts)  # 1/10 each, give or take


def test_the_draw_among_the_best_narrows_as_the_test_goes_on():
    """Early the best candidate is taken with p = 0.35, at the last question with 0.8."""
    config = PRODUCTION.config
    uniforms = np.random.default_rng(3).random(4000)
    def share_of_best(step):
        return np.mean([PRODUCTION._pick(config.shortlist_size, u, step) == 0 for u in uniforms])
    assert share_of_best(1) == pytest.approx(0.35 + (0.8 - 0.35) / 31, abs=0.03)
    assert share_of_best(config.length - 1) == pytest.approx(0.8, abs=0.03)


def test_a_pick_probability_outside_0_1_is_refused():
    with pytest.raises(ValueError):
        CatConfig(last_pick_probability=1.5)


def test_the_engine_estimate_and_error_are_those_recomputed_from_all_the_answers():
    state = run(PRODUCTION, 9, [True, False, False, True] * 8)
    a, b = BANK.discrimination[state.items], BANK.difficulty[state.items]
    expected = estimation.eap(a, b, state.answers)
    assert PRODUCTION.estimate(state) == pytest.approx(expected.capacity)
    assert PRODUCTION.standard_error(state) == pytest.approx(expected.standard_error)


def test_the_reference_engine_follows_the_reference_history():
    state = run(REFERENCE, 9, [True, False, True] * 11)
    a, b = BANK.discrimination[state.items], BANK.difficulty[state.items]
    expected = estimation.reference_history(a, b, state.answers, -3.0, 0.5)[-1]
    assert REFERENCE.estimate(state) == pytest.approx(expected.capacity)
    assert REFERENCE.standard_error(state) == pytest.approx(expected.standard_error)


def test_the_reference_engine_starts_at_minus_3_with_an_error_of_5():
    state = REFERENCE.start(1)
    assert (REFERENCE.estimate(state), REFERENCE.standard_error(state)) == (-3.0, 5.0)


def test_labels_may_be_strings_and_exposure_parameters_must_fit_the_bank():
    competences = [f"{1 + i % 16}.x" for i in range(len(BANK))]
    engine = CatEngine(BANK.discrimination, BANK.difficulty, competences, config=CatConfig.textbook())
    assert len(run(engine, 1, [True] * 32).items) == 32
    with pytest.raises(ValueError):
        CatEngine(BANK.discrimination, BANK.difficulty, competences, config=CatConfig(exposure_parameters=[1.0]))


def test_the_reference_estimator_selects_by_information_at_its_capacity():
    with pytest.raises(ValueError):
        CatConfig(estimator="reference", selection="expected")


def test_a_simulated_examinee_gets_a_full_test_with_a_sensible_estimate():
    rng = np.random.default_rng(0)
    errors = [PRODUCTION.estimate(administer(PRODUCTION, ability, n, rng)) - ability
              for n, ability in enumerate(rng.normal(size=60))]
    assert np.sqrt(np.mean(np.square(errors))) < 0.4
