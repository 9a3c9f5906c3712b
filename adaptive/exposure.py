"""Item exposure control: Sympson-Hetter eligibility parameters, fitted offline by simulation.

Each item i has a parameter k_i in [0, 1]. At the start of a test, item i is *eligible* with
probability k_i (one lottery per item per test, drawn from the test's seed). The engine picks among
eligible items first and falls back on the others only when the content rules leave nothing
eligible. An item's exposure is then P(administered) = k_i * P(administered | eligible), and the
Sympson-Hetter iteration  k_i <- min(1, target * k_i / exposure_i)  brings every exposure down to
the target while leaving the items nobody over-uses untouched (k_i = 1).

Drawing the lottery once per test (the "item eligibility" form of the method) makes a test a pure
function of its seed and answers: nothing is counted at run time, so any number of web processes
give the same tests. The parameters are a plain list of floats, stored with the calibration version.
"""

from collections.abc import Callable

import numpy as np


def draw_eligibility(parameters: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """This test's eligible items: item i passes its lottery when its uniform is below k_i."""
    return uniforms < parameters


def next_parameters(
    parameters: np.ndarray, exposure: np.ndarray, target: float, damping: float = 1.0
) -> np.ndarray:
    """One Sympson-Hetter step: k <- min(1, k * (target / exposure) ** damping).

    Items never administered become fully eligible. A damping below 1 moves only part of the way:
    restricting one item sends its examinees to its neighbours, so full steps overshoot.
    """
    ratio = target / np.maximum(exposure, 1e-12)  # the floor only keeps the division finite
    return np.where(exposure > 0, np.minimum(1.0, parameters * ratio**damping), 1.0)


def fit_parameters(
    exposure_under: Callable[[np.ndarray, int], np.ndarray],
    n_items: int,
    target: float,
    iterations: int = 16,
    damping: float = 0.7,
    averaged: int = 6,
) -> np.ndarray:
    """Iterate simulation and update; exposure_under(parameters, iteration) gives exposure rates.

    The result averages the parameters of the last `averaged` iterations: from one iteration to
    the next, the items right at the target move with the simulation noise.
    """
    parameters, history = np.ones(n_items), []
    for iteration in range(iterations):
        exposure = exposure_under(parameters, iteration)
        parameters = next_parameters(parameters, exposure, target, damping)
        history.append(parameters)
    return np.mean(history[-averaged:], axis=0)


def closed_items(counts: np.ndarray, tests: int, cap: float) -> np.ndarray:
    """Items already served in at least `cap` of the tests counted so far.

    For a deployment that also keeps exposure counts in the database: passing these to
    `CatEngine.start(closed=...)` turns the cap into a hard one, whatever the sampling noise.
    """
    return np.asarray(counts) >= cap * max(tests, 1)


def exposure_rates(administered: list[list[int]] | np.ndarray, n_items: int) -> np.ndarray:
    """Share of tests in which each item was administered."""
    counts = administration_counts(administered, n_items)
    return counts / max(len(administered), 1)


def administration_counts(administered, n_items: int) -> np.ndarray:
    flat = np.concatenate([np.asarray(test, dtype=np.intp) for test in administered]) if len(
        administered
    ) else np.empty(0, np.intp)
    return np.bincount(flat, minlength=n_items)


def overlap_rate(administered, n_items: int) -> float:
    """Mean share of items two different tests have in common (exact, over all pairs of tests).

    With c_i the number of tests that used item i, the pairs sharing item i number c_i (c_i - 1).
    """
    tests = len(administered)
    if tests < 2:
        return 0.0
    counts = administration_counts(administered, n_items).astype(np.float64)
    mean_length = sum(len(test) for test in administered) / tests
    return float(counts @ (counts - 1.0) / (tests * (tests - 1.0) * mean_length))
