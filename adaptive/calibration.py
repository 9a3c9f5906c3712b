"""Calibration of 2PL item parameters from collected answers.

Marginal maximum likelihood by EM (Bock & Aitkin, 1981): abilities are integrated out over a
quadrature grid with a fixed N(0, 1) population, which also fixes the scale. Each M-step is one
Fisher-scoring step per item, all items at once. Priors make it Bayes-modal (MAP): a normal prior
on log a (a lognormal prior on a) and a normal prior on b, so an item with few answers stays near
the prior instead of running to extreme values. Standard errors come from the observed information
of each item (Louis' formula, one 2x2 block per item).

The answers are sparse triplets (person, item, correct): nothing is ever stored as a dense
persons x items matrix. Sums over a person's or an item's answers are segment sums
(`np.add.reduceat`) over answers sorted once at the start.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace

import numpy as np

QUADRATURE_POINTS = 41
QUADRATURE_RANGE = 6.0  # nodes from -6 to 6: the N(0, 1) weight beyond is negligible
MAX_STEP = 1.0  # cap on one Fisher-scoring step, for log a and for b, against overshooting
# Pooling estimates the bank's spread of discriminations: below this many items it is too noisy.
POOLING_MINIMUM_ITEMS = 30
# The smallest spread an empirical prior may have. An estimate at this floor means the answers
# cannot tell the items' spread from their errors.
POOLING_MINIMUM_SD = 0.05


@dataclass(frozen=True)
class Priors:
    """log a ~ N(mean, sd), b ~ N(mean, sd). sd=inf removes a prior (plain MML)."""

    log_discrimination_mean: float = 0.0
    log_discrimination_sd: float = 0.5
    difficulty_mean: float = 0.0
    difficulty_sd: float = 2.0


@dataclass(frozen=True, eq=False)
class CalibrationResult:
    """One calibration: arrays indexed by item, as given to `calibrate`."""

    discrimination: np.ndarray
    difficulty: np.ndarray
    discrimination_se: np.ndarray
    difficulty_se: np.ndarray
    n_responses: np.ndarray
    iterations: int
    converged: bool
    log_likelihood: float  # marginal log-likelihood of the answers at the estimates


@dataclass(frozen=True, eq=False)
class _Answers:
    """The answers sorted twice: by person (for the E-step) and by item then outcome (M-step)."""

    n_items: int
    person: np.ndarray  # compact person (0..persons-1) of each answer, answers sorted by person
    item: np.ndarray  # item of each answer, same order
    correct: np.ndarray  # outcome of each answer, same order
    person_starts: np.ndarray  # first answer of each person in that order
    person_by_item: np.ndarray  # compact person of each answer, sorted by (item, correct)
    segment_starts: np.ndarray  # first answer of each (item, correct) segment in that order
    segment_items: np.ndarray
    segment_correct: np.ndarray


def calibrate(
    person_index,
    item_index,
    correct,
    n_items: int,
    *,
    previous: CalibrationResult | None = None,
    priors: Priors | None = None,
    quadrature_points: int = QUADRATURE_POINTS,
    max_iterations: int = 500,
    tolerance: float = 1e-4,
) -> CalibrationResult:
    """Fit a (discrimination) and b (difficulty) of each item from answer triplets.

    person_index, item_index, correct: one entry per answer (person ids may be any integers,
    items are 0..n_items-1). previous: an earlier calibration of the same items, used as the
    starting point (it speeds convergence up; it is not a prior); NaN marks items added since.
    Iterates until no parameter moves by more than `tolerance` in one EM step. Items without
    answers get the prior's mode (and, with an infinite prior sd, NaN standard errors).
    """
    priors = priors or Priors()
    answers = _sort_answers(person_index, item_index, correct, n_items)
    nodes, log_weights = quadrature(quadrature_points)
    a, b = _starting_values(answers, previous)
    converged, iteration = False, 0
    for iteration in range(1, max_iterations + 1):  # noqa: B007 - the count is reported
        posterior, _ = _e_step(answers, a, b, nodes, log_weights)
        attempts, successes = _expected_counts(answers, posterior)
        new_a, new_b = _m_step(a, b, attempts, successes, nodes, priors)
        change = max(np.max(np.abs(new_a - a)), np.max(np.abs(new_b - b)))
        a, b = new_a, new_b
        if change < tolerance:
            converged = True
            break
    posterior, log_likelihood = _e_step(answers, a, b, nodes, log_weights)
    a_se, b_se = _standard_errors(answers, posterior, a, b, nodes, priors)
    return CalibrationResult(
        discrimination=a,
        difficulty=b,
        discrimination_se=a_se,
        difficulty_se=b_se,
        n_responses=np.bincount(answers.item, minlength=n_items),
        iterations=iteration,
        converged=converged,
        log_likelihood=float(log_likelihood),
    )


def quadrature(points: int = QUADRATURE_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """Equally spaced nodes over [-6, 6] and the log of their N(0, 1) weights (summing to 1)."""
    nodes = np.linspace(-QUADRATURE_RANGE, QUADRATURE_RANGE, points)
    log_density = -0.5 * nodes**2
    return nodes, log_density - np.logaddexp.reduce(log_density)


def empirical_priors(
    result: CalibrationResult, minimum_sd: float = POOLING_MINIMUM_SD, *, difficulty: bool = False
) -> Priors:
    """Priors centred on the bank itself, for a second calibration (two-stage empirical Bayes).

    The spread of the true parameters is the spread of the estimates minus their error variance,
    so each item shrinks toward the bank as much as its own data leave room for. Only the
    discrimination is pooled by default: its spread across a bank (about 0.3 on the log scale) is
    close to one item's error, so pooling removes much of that error. Difficulties spread several
    times wider than their errors: pooling them gains little and, the bank's tails not being
    normal, pulls the easiest and hardest items inward: it raised the RMSE of b in every
    simulated design (docs/PERFORMANCE.md). difficulty=True pools both.
    """
    answered = result.n_responses > 0  # the others sit at the prior's mode: they say nothing
    discrimination = result.discrimination[answered]
    log_a = np.log(discrimination)
    log_a_se = result.discrimination_se[answered] / discrimination
    log_a_var = np.var(log_a) - np.nanmean(log_a_se**2)
    priors = Priors(
        log_discrimination_mean=float(np.mean(log_a)),
        log_discrimination_sd=float(np.sqrt(max(log_a_var, minimum_sd**2))),
    )
    if not difficulty:
        return priors
    difficulty = result.difficulty[answered]
    b_var = np.var(difficulty) - np.nanmean(result.difficulty_se[answered] ** 2)
    return replace(
        priors,
        difficulty_mean=float(np.mean(difficulty)),
        difficulty_sd=float(np.sqrt(max(b_var, minimum_sd**2))),
    )


def calibrate_pooled(person_index, item_index, correct, n_items: int, **options) -> CalibrationResult:
    """Two-stage empirical Bayes: a first fit with the default priors, then a second one from it
    with `empirical_priors`. The first fit is returned when the bank's spread cannot be told
    from the data: fewer than POOLING_MINIMUM_ITEMS answered items, or a spread estimated at its
    floor (too few answers per item). Pooling then would set every discrimination to the same
    value and report standard errors far smaller than the real ones."""
    first = calibrate(person_index, item_index, correct, n_items, **options)
    if np.count_nonzero(first.n_responses) < POOLING_MINIMUM_ITEMS:
        return first
    priors = empirical_priors(first)
    if priors.log_discrimination_sd <= POOLING_MINIMUM_SD:
        return first
    options.pop("priors", None)
    options["previous"] = first
    return calibrate(person_index, item_index, correct, n_items, priors=priors, **options)


def ability_posteriors(
    person_index,
    item_index,
    correct,
    discrimination,
    difficulty,
    *,
    quadrature_points=QUADRATURE_POINTS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each person's posterior over the quadrature nodes given calibrated items.

    Returns (persons in increasing order, nodes, posterior with one row per person).
    """
    discrimination = np.asarray(discrimination, dtype=np.float64)
    difficulty = np.asarray(difficulty, dtype=np.float64)
    answers = _sort_answers(person_index, item_index, correct, len(difficulty))
    nodes, log_weights = quadrature(quadrature_points)
    posterior, _ = _e_step(answers, discrimination, difficulty, nodes, log_weights)
    return np.unique(np.asarray(person_index)), nodes, posterior


# --- preparation ----------------------------------------------------------------------------


def _sort_answers(person_index, item_index, correct, n_items) -> _Answers:
    person_index = np.asarray(person_index)
    item_index = np.asarray(item_index, dtype=np.int64)
    correct = np.asarray(correct, dtype=bool)
    if not person_index.shape == item_index.shape == correct.shape or person_index.ndim != 1:
        raise ValueError("person_index, item_index and correct must be 1-d and of equal length")
    if item_index.size == 0:
        raise ValueError("no answers to calibrate from")
    if item_index.min() < 0 or item_index.max() >= n_items:
        raise ValueError("item_index must lie in [0, n_items)")
    _, person = np.unique(person_index, return_inverse=True)  # compact: every person has answers
    person = person.ravel()

    by_person = np.argsort(person, kind="stable")
    person_sorted = person[by_person]
    by_item = np.lexsort((correct, item_index))
    segment_key = item_index[by_item] * 2 + correct[by_item]
    segment_starts = _segment_starts(segment_key)
    return _Answers(
        n_items=n_items,
        person=person_sorted,
        item=item_index[by_person],
        correct=correct[by_person],
        person_starts=_segment_starts(person_sorted),
        person_by_item=person[by_item],
        segment_starts=segment_starts,
        segment_items=segment_key[segment_starts] // 2,
        segment_correct=segment_key[segment_starts] % 2 == 1,
    )


def _segment_starts(sorted_keys: np.ndarray) -> np.ndarray:
    """Where each run of equal keys begins."""
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _starting_values(answers: _Answers, previous: CalibrationResult | None):
    """The previous calibration where it has values, otherwise a = 1 and b from the success rate.

    With a = 1 over N(0, 1) abilities, an item's success rate is close to logistic(-b / 1.16).
    """
    attempts = np.bincount(answers.item, minlength=answers.n_items)
    successes = np.bincount(answers.item, weights=answers.correct, minlength=answers.n_items)
    rate = (successes + 0.5) / (attempts + 1.0)
    a, b = np.ones(answers.n_items), np.clip(-1.16 * np.log(rate / (1.0 - rate)), -4.0, 4.0)
    if previous is None:
        return a, b
    if len(previous.discrimination) != answers.n_items:
        raise ValueError("the previous calibration has a different number of items")
    known = np.isfinite(previous.discrimination) & np.isfinite(previous.difficulty)
    return np.where(known, previous.discrimination, a), np.where(known, previous.difficulty, b)


# --- EM -------------------------------------------------------------------------------------


def _log_probabilities(a, b, nodes):
    """log P(wrong) and log P(right) of every item at every node, stacked: (2 * items, nodes)."""
    logit = a[:, None] * (nodes[None, :] - b[:, None])
    return np.concatenate([-np.logaddexp(0.0, logit), -np.logaddexp(0.0, -logit)])


def _e_step(answers: _Answers, a, b, nodes, log_weights):
    """Each person's posterior over the nodes, and the marginal log-likelihood of all answers."""
    table = _log_probabilities(a, b, nodes)
    rows = answers.item + answers.n_items * answers.correct
    log_joint = np.add.reduceat(table[rows], answers.person_starts, axis=0) + log_weights
    peak = log_joint.max(axis=1, keepdims=True)
    posterior = np.exp(log_joint - peak)
    total = posterior.sum(axis=1, keepdims=True)
    posterior /= total
    return posterior, float(np.sum(peak) + np.sum(np.log(total)))


def _expected_counts(answers: _Answers, posterior):
    """Expected attempts and successes of each item at each node (items x nodes)."""
    n_nodes = posterior.shape[1]
    sums = np.add.reduceat(posterior[answers.person_by_item], answers.segment_starts, axis=0)
    successes = np.zeros((answers.n_items, n_nodes))
    failures = np.zeros((answers.n_items, n_nodes))
    successes[answers.segment_items[answers.segment_correct]] = sums[answers.segment_correct]
    failures[answers.segment_items[~answers.segment_correct]] = sums[~answers.segment_correct]
    return successes + failures, successes


def _m_step(a, b, attempts, successes, nodes, priors: Priors):
    """One Fisher-scoring step per item on the expected complete-data log posterior.

    Works in (log a, b) so a stays positive and its prior is normal.
    """
    log_a = np.log(a)
    distance = nodes[None, :] - b[:, None]
    p = 1.0 / (1.0 + np.exp(-a[:, None] * distance))
    residual = successes - attempts * p
    weight = attempts * p * (1.0 - p)

    log_a_precision = 1.0 / priors.log_discrimination_sd**2
    b_precision = 1.0 / priors.difficulty_sd**2
    grad_log_a = a * (residual * distance).sum(axis=1)
    grad_log_a -= (log_a - priors.log_discrimination_mean) * log_a_precision
    grad_b = -a * residual.sum(axis=1) - (b - priors.difficulty_mean) * b_precision
    info_log_a = a**2 * (weight * distance**2).sum(axis=1) + log_a_precision
    info_b = a**2 * weight.sum(axis=1) + b_precision
    info_cross = -(a**2) * (weight * distance).sum(axis=1)

    step_log_a, step_b = _solve_2x2(info_log_a, info_cross, info_b, grad_log_a, grad_b)
    log_a = log_a + np.clip(step_log_a, -MAX_STEP, MAX_STEP)
    b = b + np.clip(step_b, -MAX_STEP, MAX_STEP)
    return np.exp(log_a), b


def _solve_2x2(m11, m12, m22, v1, v2):
    """Solve [[m11, m12], [m12, m22]] x = v for many symmetric 2x2 systems at once."""
    determinant = np.maximum(m11 * m22 - m12**2, 1e-12)
    return (m22 * v1 - m12 * v2) / determinant, (m11 * v2 - m12 * v1) / determinant


def _inverse_diagonal_2x2(m11, m12, m22):
    determinant = m11 * m22 - m12**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(determinant > 0, m22 / determinant, np.nan), np.where(
            determinant > 0, m11 / determinant, np.nan
        )


# --- standard errors ------------------------------------------------------------------------


def _standard_errors(answers: _Answers, posterior, a, b, nodes, priors: Priors):
    """Standard errors of a and b from each item's observed information (Louis, 1982).

    Per answer, the observed information is the posterior mean of the complete-data information
    minus the posterior variance of the complete-data score, summed per item. Everything but the
    squared posterior mean score depends only on (item, outcome, node), so it comes from the
    expected counts. The information between different items is left out (block-diagonal).
    """
    attempts, successes = _expected_counts(answers, posterior)
    failures = attempts - successes
    distance = nodes[None, :] - b[:, None]
    p = 1.0 / (1.0 + np.exp(-a[:, None] * distance))
    # Residual y - p is 1 - p for a right answer and -p for a wrong one.
    squared_residual = successes * (1.0 - p) ** 2 + failures * p**2
    residual = successes * (1.0 - p) - failures * p
    curvature = attempts * p * (1.0 - p)
    info_aa = ((curvature - squared_residual) * distance**2).sum(axis=1)
    info_bb = a**2 * (curvature - squared_residual).sum(axis=1)
    info_ab = (residual + a[:, None] * distance * (squared_residual - curvature)).sum(axis=1)

    mean_score_a, mean_score_b = _mean_scores(answers, posterior, a, b, nodes, p)

    def per_item(values):
        return np.bincount(answers.item, weights=values, minlength=answers.n_items)

    info_aa += per_item(mean_score_a**2)
    info_bb += per_item(mean_score_b**2)
    info_ab += per_item(mean_score_a * mean_score_b)
    # Change to (log a, b), where the priors are normal, then add their precision.
    info_log_a = a**2 * info_aa - a * per_item(mean_score_a) + priors.log_discrimination_sd**-2
    info_cross = a * info_ab
    info_b = info_bb + priors.difficulty_sd**-2
    var_log_a, var_b = _inverse_diagonal_2x2(info_log_a, info_cross, info_b)
    return a * np.sqrt(var_log_a), np.sqrt(var_b)  # delta method for a = exp(log a)


def _mean_scores(answers: _Answers, posterior, a, b, nodes, p):
    """Posterior mean of the complete-data score (d/da, d/db) of each answer, in person order.

    With y the outcome and d = theta - b: score_a = (y - P) d and score_b = -a (y - P).
    """
    weights = posterior[answers.person]
    mean_p = np.einsum("rq,rq->r", weights, p[answers.item])
    mean_p_distance = np.einsum(
        "rq,rq->r", weights, (p * (nodes[None, :] - b[:, None]))[answers.item]
    )
    mean_distance = (posterior @ nodes)[answers.person] - b[answers.item]
    y = answers.correct.astype(np.float64)
    return y * mean_distance - mean_p_distance, -a[answers.item] * (y - mean_p)


# --- drift between calibrations -------------------------------------------------------------


@dataclass(frozen=True)
class ItemDrift:
    item: Hashable
    discrimination_before: float
    discrimination_after: float
    discrimination_z: float  # change / standard error of the change
    difficulty_before: float
    difficulty_after: float
    difficulty_z: float
    flagged: bool


def drift_report(
    new: CalibrationResult,
    previous: CalibrationResult,
    item_ids: Sequence[Hashable] | None = None,
    *,
    threshold: float = 3.0,
    absolute_threshold: float | None = None,
) -> list[ItemDrift]:
    """Per-item changes between two calibrations of the same items, in item order.

    An item is flagged when a parameter moved by more than `threshold` standard errors of the
    change (both calibrations' errors combined, as if independent: when the new calibration reuses
    the old answers the true error is smaller, so this flags less, not more), or, when
    `absolute_threshold` is given, by more than that on its own scale. Items with no previous
    values (NaN) are reported with NaN z and are not flagged.
    """
    if len(new.difficulty) != len(previous.difficulty):
        raise ValueError("the two calibrations cover different numbers of items")
    item_ids = list(range(len(new.difficulty))) if item_ids is None else list(item_ids)
    if len(item_ids) != len(new.difficulty):
        raise ValueError("one id per item is needed")
    a_change = new.discrimination - previous.discrimination
    b_change = new.difficulty - previous.difficulty
    a_z = a_change / np.hypot(new.discrimination_se, previous.discrimination_se)
    b_z = b_change / np.hypot(new.difficulty_se, previous.difficulty_se)
    with np.errstate(invalid="ignore"):
        flagged = (np.abs(a_z) > threshold) | (np.abs(b_z) > threshold)
        if absolute_threshold is not None:
            flagged |= (np.abs(a_change) > absolute_threshold) | (
                np.abs(b_change) > absolute_threshold
            )
    return [
        ItemDrift(
            item=item_ids[i],
            discrimination_before=float(previous.discrimination[i]),
            discrimination_after=float(new.discrimination[i]),
            discrimination_z=float(a_z[i]),
            difficulty_before=float(previous.difficulty[i]),
            difficulty_after=float(new.difficulty[i]),
            difficulty_z=float(b_z[i]),
            flagged=bool(flagged[i]),
        )
        for i in range(len(item_ids))
    ]


# --- simulated answers, for tests and benchmarks --------------------------------------------


def simulate_answers(discrimination, difficulty, abilities, items_per_person: int, rng):
    """Each person answers `items_per_person` distinct items drawn at random, under the 2PL model.

    Returns (person_index, item_index, correct) triplets.
    """
    discrimination, difficulty = np.asarray(discrimination), np.asarray(difficulty)
    n_persons, n_items = len(abilities), len(difficulty)
    # Distinct items per person: the first columns of a random ranking of all items.
    items = np.argsort(rng.random((n_persons, n_items)), axis=1)[:, :items_per_person]
    persons = np.repeat(np.arange(n_persons), items_per_person)
    items = items.ravel()
    logit = discrimination[items] * (np.asarray(abilities)[persons] - difficulty[items])
    correct = rng.random(len(items)) < 1.0 / (1.0 + np.exp(-logit))
    return persons, items, correct
