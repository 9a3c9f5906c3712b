import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adaptive import estimation, irt
from adaptive.calibration import calibrate_pooled
from adaptive.calibration_design import ItemInformation


def rmse(estimate, truth):
    return float(np.sqrt(np.mean((estimate - truth) ** 2)))


def small_bank():
    return np.array([0.5, 1.0, 2.0]), np.array([-1.0, 0.0, 1.5])


def total_variance(information):
    variance_a, variance_b = information.variances()
    return variance_a + variance_b


@settings(max_examples=50, deadline=None)
@given(
    theta=st.floats(-4, 4),
    item=st.integers(0, 2),
    earlier=st.lists(st.tuples(st.floats(-4, 4), st.integers(0, 2)), max_size=10),
)
def test_the_a_optimal_gain_is_exactly_what_one_more_answer_removes_from_the_variances(
    theta, item, earlier
):
    information = ItemInformation(*small_bank())
    for earlier_theta, earlier_item in earlier:
        information.add([earlier_theta], [earlier_item])
    gain = information.gains([theta])[0, item]
    before = total_variance(information)[item]
    information.add([theta], [item])
    assert gain >= 0
    assert before - total_variance(information)[item] == pytest.approx(gain, rel=1e-9, abs=1e-12)


def test_the_d_optimal_gain_is_the_log_growth_of_the_determinant():
    information = ItemInformation(*small_bank())
    determinant = information.m11 * information.m22 - information.m12**2
    gain = information.gains([0.3], "dopt")[0]
    information.add([0.3, 0.3, 0.3], [0, 1, 2])
    grown = information.m11 * information.m22 - information.m12**2
    np.testing.assert_allclose(gain, np.log(grown / determinant))


def test_answers_shrink_the_variances_of_the_item_answered_and_of_no_other():
    information = ItemInformation(*small_bank())
    before = total_variance(information)
    information.add([0.0] * 50, [1] * 50)
    after = total_variance(information)
    assert after[1] < before[1] / 5
    np.testing.assert_array_equal(after[[0, 2]], before[[0, 2]])


def test_an_item_far_too_easy_for_the_examinee_teaches_little():
    information = ItemInformation(np.array([1.5, 1.5]), np.array([0.0, -5.0]))
    gains = information.gains([0.0])[0]
    assert gains[1] < gains[0] / 10


def test_with_an_exact_ability_the_expected_gain_is_the_gain():
    information = ItemInformation(*small_bank())
    information.add([0.5, -1.0], [0, 2])
    np.testing.assert_allclose(
        information.expected_gains([0.2, 1.0], 0.0), information.gains([0.2, 1.0])
    )


def test_a_vague_ability_lowers_the_value_of_an_item_that_needs_a_precise_one():
    # A sharp item at the estimate: worth much if the examinee is exactly there, less on average.
    information = ItemInformation(np.array([2.5]), np.array([0.0]))
    assert information.expected_gains([0.0], 1.0)[0, 0] < information.gains([0.0])[0, 0]


def collect(discrimination, difficulty, abilities, per_person, rng, design: bool):
    """Answers of examinees taking `per_person` items each, one at a time: at random, or by the
    design's expected gain at their running EAP estimate, each item up to its share of answers (N(0, 1) prior, working parameters
    perturbed as an earlier calibration would give them; the true ability is never looked at)."""
    n_items = len(difficulty)
    working_a = discrimination * rng.lognormal(0.0, 0.2, n_items)
    working_b = difficulty + rng.normal(0.0, 0.3, n_items)
    information = ItemInformation(working_a, working_b)
    log_right, log_wrong = irt.log_probability_tables(working_a, working_b, estimation.GRID)
    triplets, counts = [], np.zeros(n_items, dtype=np.int64)
    quota = int(np.ceil(len(abilities) * per_person / n_items))
    for cohort in np.array_split(np.arange(len(abilities)), len(abilities) // 50):
        log_density = np.tile(estimation.normal_log_prior(0.0, 1.0), (len(cohort), 1))
        taken = np.zeros((len(cohort), n_items), dtype=bool)
        for step in range(per_person):
            weights = np.exp(log_density - log_density.max(axis=1, keepdims=True))
            weights /= weights.sum(axis=1, keepdims=True)
            mean = weights @ estimation.GRID
            spread = np.sqrt(np.maximum(weights @ estimation.GRID**2 - mean**2, 0.0))
            if design and step >= 3:
                scores = information.expected_gains(mean, spread)
            else:
                scores = rng.random(taken.shape)
            # Every item gets about its share of the answers: a full item is closed to the design.
            closed = taken | (counts >= quota)
            closed[closed.all(axis=1)] = taken[closed.all(axis=1)]
            chosen = np.argmax(np.where(closed, -np.inf, scores), axis=1)
            counts += np.bincount(chosen, minlength=n_items)
            correct = rng.random(len(cohort)) < irt.probability(
                abilities[cohort], discrimination[chosen], difficulty[chosen]
            )
            taken[np.arange(len(cohort)), chosen] = True
            information.add(mean, chosen)
            log_density += np.where(correct[:, None], log_right[chosen], log_wrong[chosen])
            triplets.append((cohort, chosen, correct))
    return tuple(np.concatenate(column) for column in zip(*triplets))


def test_answers_chosen_by_the_design_pin_the_difficulties_better_than_as_many_random_answers():
    # 1,500 examinees x 32 answers over 150 items, about 320 per item either way. On a bank this
    # small the discriminations gain little (the 500-item benchmark: 0.148 against 0.156); the
    # difficulties gain much.
    rng = np.random.default_rng(11)
    n_items = 150
    discrimination = np.clip(rng.lognormal(0.0, 0.3, n_items), 0.3, 2.5)
    difficulty = np.clip(rng.normal(0.0, 1.2, n_items), -4.0, 4.0)
    abilities = rng.normal(0.0, 1.0, 1_500)
    errors = {}
    for design in (False, True):
        answers = collect(discrimination, difficulty, abilities, 32, np.random.default_rng(5), design)
        assert len(answers[0]) == 1_500 * 32
        result = calibrate_pooled(*answers, n_items)
        errors[design] = (rmse(result.discrimination, discrimination), rmse(result.difficulty, difficulty))
    assert errors[True][1] < errors[False][1] - 0.03
    assert errors[True][0] < errors[False][0] + 0.03


def test_an_unknown_criterion_is_refused():
    with pytest.raises(ValueError):
        ItemInformation(*small_bank()).gains([0.0], "eopt")
