"""Item exposure control, fitted offline by simulation and stored as plain data.

Two sets of per-item parameters, both fitted by simulating tests with the engine's own rules:

- Prices (lambda_i >= 0). Selection ranks items by information less price. Where many examinees
  would take the same few highly informative items, a price leaves each such item to the examinees
  it informs most (those whose ability is close to its difficulty) and sends the others to the next
  best items: the Lagrangian of "maximise information subject to exposure <= cap". Fitted with a
  sign-based iteration (Rprop): each price moves up while its item is over the target, down while
  under, by a step that grows while the direction holds and halves when it flips, which tolerates
  the simulation noise.
- Sympson-Hetter eligibility (k_i in [0, 1]), the safety net over the prices. At the start of a
  test, item i is *eligible* with probability k_i (one lottery per item per test, drawn from the
  test's seed). The engine picks among eligible items first and falls back on the others only when
  the content rules leave nothing eligible. An item's exposure is then
  P(administered) = k_i * P(administered | eligible), and the iteration
  k_i <- min(1, target * k_i / exposure_i) brings every exposure down to the target while leaving
  the items nobody over-uses untouched (k_i = 1).

Prices alone cannot hold a cap: all examinees start in the same state, and a deterministic ranking
sends whole groups of them to the same item, whatever its price. Eligibility alone holds it but
denies items at random, to the examinees who need them most as often as to the others. Together
(prices first, then eligibility fitted with the prices in place, then a one-sided trimming
pass on a larger simulation, `trim_parameters`) they cost about half the accuracy that
eligibility alone costs (see docs/PERFORMANCE.md).

Drawing the lottery once per test (the "item eligibility" form of Sympson-Hetter) makes a test a
pure function of its seed and answers: nothing is counted at run time, so any number of web
processes give the same tests. `ExposureParameters.to_json()` is what a calibration version stores.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class ExposureParameters:
    """Per item: eligibility k_i (Sympson-Hetter lottery) and price lambda_i (0: no price)."""

    eligibility: np.ndarray
    prices: np.ndarray

    def __post_init__(self):
        eligibility = np.asarray(self.eligibility, dtype=np.float64)
        prices = np.asarray(self.prices, dtype=np.float64)
        if eligibility.ndim != 1 or eligibility.shape != prices.shape:
            raise ValueError("eligibility and prices need one value per item")
        if ((eligibility < 0) | (eligibility > 1)).any() or (prices < 0).any():
            raise ValueError("eligibility must lie in [0, 1] and prices be >= 0")
        object.__setattr__(self, "eligibility", eligibility)
        object.__setattr__(self, "prices", prices)

    def __len__(self) -> int:
        return len(self.eligibility)

    def to_json(self) -> dict:
        """Plain lists of floats, for a JSON field of the calibration version."""
        return {"eligibility": self.eligibility.tolist(), "prices": self.prices.tolist()}

    @classmethod
    def from_json(cls, data: Mapping | Sequence) -> "ExposureParameters":
        """From `to_json()`, or from a bare list of eligibilities (Sympson-Hetter alone)."""
        if isinstance(data, Mapping):
            eligibility = np.asarray(data["eligibility"], dtype=np.float64)
            prices = data.get("prices")
            return cls(eligibility, np.zeros_like(eligibility) if prices is None else prices)
        eligibility = np.asarray(data, dtype=np.float64)
        return cls(eligibility, np.zeros_like(eligibility))

    @classmethod
    def coerce(cls, value, n_items: int) -> "ExposureParameters":
        parameters = value if isinstance(value, cls) else cls.from_json(value)
        if len(parameters) != n_items:
            raise ValueError("exposure parameters need one value per item")
        return parameters


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


def trim_parameters(parameters: np.ndarray, exposure: np.ndarray, target: float) -> np.ndarray:
    """A last, one-sided Sympson-Hetter step from a larger simulation: only the items over the
    target lose eligibility. It trims the upper tail that the fitting noise leaves."""
    return np.where(exposure > target, next_parameters(parameters, exposure, target), parameters)


def fit_prices(
    exposure_under: Callable[[np.ndarray, int], np.ndarray],
    n_items: int,
    target: float,
    iterations: int = 30,
    first_step: float = 0.05,
    averaged: int = 6,
) -> np.ndarray:
    """Prices that bring exposures to the target; exposure_under(prices, iteration) simulates.

    Rprop: a price rises while its item is over the target and falls (never below 0) while under,
    by a step of its own that grows by 1.3 while the direction holds and halves when it flips.
    Exposures jump as prices reorder the ranking, so a gradient step would oscillate; signs and
    shrinking steps settle. The result averages the last `averaged` iterations.
    """
    prices, steps = np.zeros(n_items), np.full(n_items, first_step)
    previous, history = np.zeros(n_items), []
    for iteration in range(iterations):
        direction = np.sign(exposure_under(prices, iteration) - target)
        direction[(prices <= 0) & (direction < 0)] = 0.0
        agreement = direction * previous
        steps = np.where(agreement > 0, steps * 1.3, np.where(agreement < 0, steps * 0.5, steps))
        prices = np.maximum(prices + direction * steps, 0.0)
        previous = np.where(direction != 0, direction, previous)
        history.append(prices)
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
