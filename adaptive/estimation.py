"""Ability estimation on the 81-point grid: EAP with a fixed normal prior, and the reference variant.

Every function recomputes the estimate from the full list of answers, so that a request never
depends on what another process holds in memory. The engine in `cat.py` keeps a running
log-likelihood instead, for speed, and reuses the step functions below so both paths agree.

- `eap`: expected a posteriori with a fixed N(mean, sd^2) prior. With a prior that matches the
  population, the posterior mean minimises the mean squared error: the sound default.
- `reference_history`: the reference platform's variant. At every answer the prior N(., 1.5) is
  re-centred on the previous capacity while the likelihood keeps accumulating, and the move per
  answer may be capped (variationPercent). Kept to compare and to reproduce the reference results.
"""

from typing import NamedTuple

import numpy as np

from adaptive import irt

GRID = irt.grid()
REFERENCE_PRIOR_VARIANCE = 1.5
REFERENCE_ERROR_WITHOUT_ANSWERS = 5.0
# The reference subtracts Sheppard's correction for a spacing of 9/80, half the real grid step:
# reproduced as is, so that our error rates match theirs.
REFERENCE_SHEPPARD_CORRECTION = (9 / 80) ** 2 / 12


class Estimate(NamedTuple):
    capacity: float
    standard_error: float


def normal_log_prior(mean: float, variance: float, thetas: np.ndarray = GRID) -> np.ndarray:
    """Log of a normal density on the grid, up to a constant (constants cancel on normalising)."""
    return np.square(thetas - mean) * (-0.5 / variance)


def log_likelihood(discrimination, difficulty, correct, thetas: np.ndarray = GRID) -> np.ndarray:
    """Log-likelihood of the answers over the grid: a sum of one row per answer."""
    correct = np.asarray(correct, dtype=bool)
    if correct.size == 0:
        return np.zeros_like(thetas)
    log_right, log_wrong = irt.log_probability_tables(
        np.asarray(discrimination, np.float64), np.asarray(difficulty, np.float64), thetas
    )
    return np.where(correct[:, None], log_right, log_wrong).sum(axis=0)


def posterior(log_density: np.ndarray) -> np.ndarray:
    """Normalised posterior weights from an unnormalised log density (shifted to avoid underflow)."""
    weights = np.exp(log_density - log_density.max())
    return weights / weights.sum()


def posterior_mean(log_density: np.ndarray, thetas: np.ndarray = GRID) -> float:
    """The posterior mean alone: the engine's per-answer fast path."""
    weights = np.exp(log_density - log_density.max())
    return float(weights @ thetas / weights.sum())


def posterior_with_moments(log_density: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Normalised posterior weights, mean and standard deviation, with one product over the grid:
    the engine's per-answer path when it selects on the whole posterior."""
    weights = np.exp(log_density - log_density.max())
    total, first, second = _GRID_POWERS @ weights
    weights *= 1.0 / total
    mean = first / total
    return weights, float(mean), max(second / total - mean * mean, 0.0) ** 0.5


_GRID_POWERS = np.stack([np.ones_like(GRID), GRID, np.square(GRID)])


def posterior_mean_and_sd(log_density: np.ndarray, thetas: np.ndarray = GRID) -> Estimate:
    weights = posterior(log_density)
    mean = float(weights @ thetas)
    variance = float(weights @ np.square(thetas - mean))
    return Estimate(mean, variance**0.5)


def eap(
    discrimination, difficulty, correct, prior_mean: float = 0.0, prior_sd: float = 1.0
) -> Estimate:
    """EAP capacity and posterior standard deviation, from all the answers, fixed normal prior."""
    log_density = log_likelihood(discrimination, difficulty, correct)
    log_density += normal_log_prior(prior_mean, prior_sd**2)
    return posterior_mean_and_sd(log_density)


def capped_move(previous: float, raw: float, variation_percent: float | None) -> float:
    """The reference cap: move at most vp (near 0) or |previous * vp| from the previous capacity."""
    if not variation_percent:
        return raw
    gap = variation_percent if -variation_percent < previous < variation_percent else abs(
        previous * variation_percent
    )
    return min(raw, previous + gap) if raw > previous else max(raw, previous - gap)


def reference_step(
    log_likelihood_so_far: np.ndarray,
    previous: float,
    variation_percent: float | None,
    prior_variance: float = REFERENCE_PRIOR_VARIANCE,
    thetas: np.ndarray = GRID,
) -> float:
    """One reference update: the prior is re-centred on the previous capacity, then capped."""
    log_density = log_likelihood_so_far + normal_log_prior(previous, prior_variance, thetas)
    return capped_move(previous, posterior_mean(log_density, thetas), variation_percent)


def reference_error(
    log_likelihood_so_far: np.ndarray,
    prior_centre: float,
    capacity: float,
    prior_variance: float = REFERENCE_PRIOR_VARIANCE,
    thetas: np.ndarray = GRID,
) -> float:
    """The reference error rate: posterior spread around the (capped) capacity, Sheppard-corrected."""
    weights = posterior(log_likelihood_so_far + normal_log_prior(prior_centre, prior_variance, thetas))
    spread = float(weights @ np.square(thetas - capacity)) - REFERENCE_SHEPPARD_CORRECTION
    return max(spread, 0.0) ** 0.5


def reference_history(
    discrimination,
    difficulty,
    correct,
    initial_capacity: float = -3.0,
    variation_percent: float | None = 0.5,
    prior_variance: float = REFERENCE_PRIOR_VARIANCE,
) -> list[Estimate]:
    """Capacity and error rate after each answer, in answer order, as the reference computes them."""
    correct = np.asarray(correct, dtype=bool)
    log_right, log_wrong = irt.log_probability_tables(
        np.asarray(discrimination, np.float64), np.asarray(difficulty, np.float64), GRID
    )
    running, capacity, history = np.zeros_like(GRID), float(initial_capacity), []
    for answer, is_right in enumerate(correct):
        running = running + (log_right[answer] if is_right else log_wrong[answer])
        previous = capacity
        capacity = reference_step(running, previous, variation_percent, prior_variance)
        history.append(Estimate(capacity, reference_error(running, previous, capacity, prior_variance)))
    return history


def reference_estimate(
    discrimination,
    difficulty,
    correct,
    initial_capacity: float = -3.0,
    variation_percent: float | None = 0.5,
    prior_variance: float = REFERENCE_PRIOR_VARIANCE,
) -> Estimate:
    """The last capacity of the history; with no answer, the initial capacity and an error of 5."""
    history = reference_history(
        discrimination, difficulty, correct, initial_capacity, variation_percent, prior_variance
    )
    return history[-1] if history else Estimate(float(initial_capacity), REFERENCE_ERROR_WITHOUT_ANSWERS)
