import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adaptive.calibration_design import ItemInformation


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


def test_an_unknown_criterion_is_refused():
    with pytest.raises(ValueError):
        ItemInformation(*small_bank()).gains([0.0], "eopt")
