"""Two-parameter logistic (2PL) item response model, vectorised with numpy.

P(theta) = 1 / (1 + exp(a * (b - theta))): no scaling constant and no guessing parameter, as in
the reference platform.
"""

import numpy as np

GRID_MIN, GRID_MAX, GRID_POINTS = -9.0, 9.0, 81
GRID_STEP = (GRID_MAX - GRID_MIN) / (GRID_POINTS - 1)  # 0.225


def grid(points: int = GRID_POINTS, low: float = GRID_MIN, high: float = GRID_MAX) -> np.ndarray:
    """The ability grid, endpoints included (81 points from -9 to 9 by default)."""
    return low + (high - low) / (points - 1) * np.arange(points, dtype=np.float64)


def probability(theta, discrimination, difficulty):
    """Probability of a right answer; broadcasts over thetas and items."""
    return 1.0 / (1.0 + np.exp(np.multiply(discrimination, np.subtract(difficulty, theta))))


def information(theta, discrimination, difficulty):
    """Fisher information of the 2PL item(s) at theta: a^2 P (1 - P), never negative."""
    p = probability(theta, discrimination, difficulty)
    return np.square(discrimination) * p * (1.0 - p)


def log_probability_tables(
    discrimination: np.ndarray, difficulty: np.ndarray, thetas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """log P and log(1 - P) for every item (rows) at every theta (columns).

    Written with logaddexp so that far-off items give large negative logs instead of log(0).
    """
    logit = np.multiply.outer(np.asarray(discrimination, np.float64), thetas) - (
        np.asarray(discrimination, np.float64) * np.asarray(difficulty, np.float64)
    )[:, None]
    return -np.logaddexp(0.0, -logit), -np.logaddexp(0.0, logit)


def information_ranking(
    discrimination: np.ndarray,
    difficulty: np.ndarray,
    thetas: np.ndarray,
    depth: int,
    prices: np.ndarray | None = None,
) -> np.ndarray:
    """For each theta (rows), the indices of the `depth` items of highest information less their
    price (exposure control; none by default), best first. Ties keep the bank order, like the
    reference platform's stable ranking."""
    rows = np.empty((len(thetas), min(depth, len(discrimination))), dtype=np.intp)
    for row, theta in enumerate(thetas):  # one row at a time keeps memory at O(items)
        score = information(theta, discrimination, difficulty)
        rows[row] = top_indices(score if prices is None else score - prices, depth)
    return rows


def expected_information(
    discrimination: np.ndarray, difficulty: np.ndarray, means: np.ndarray, spread: float
) -> np.ndarray:
    """Information averaged over a normal ability N(mean, spread^2), for each mean (rows) and item.

    Gauss-Hermite quadrature over 24 nodes: exact enough for the spreads the engine uses (>= 0.1).
    """
    nodes, weights = np.polynomial.hermite_e.hermegauss(24)
    weights = weights / weights.sum()
    table = np.zeros((len(means), len(discrimination)))
    for node, weight in zip(nodes, weights):
        table += weight * information(
            (np.asarray(means) + spread * node)[:, None], discrimination, difficulty
        )
    return table


def ranking_rows(scores: np.ndarray, depth: int) -> np.ndarray:
    """top_indices for each row of a 2-D score table at once (ties within the kept items in
    index order; at the cut, which of equal scores are kept is left to argpartition)."""
    rows, size = scores.shape
    if depth >= size:
        return np.argsort(-scores, axis=1, kind="stable")
    kept = np.argpartition(-scores, depth - 1, axis=1)[:, :depth]
    kept_scores = np.take_along_axis(scores, kept, axis=1)
    row_of = np.repeat(np.arange(rows), depth)
    order = np.lexsort((kept.ravel(), -kept_scores.ravel(), row_of)).reshape(rows, depth)
    return kept.ravel()[order]


def top_indices(score: np.ndarray, depth: int) -> np.ndarray:
    """Indices of the `depth` highest scores, best first, ties in index order."""
    if depth < len(score):
        candidates = np.argpartition(-score, depth - 1)[:depth]
        # ties straddling the cut: argpartition keeps an arbitrary few; take them in index order
        threshold = score[candidates].min()
        candidates = np.union1d(candidates, np.flatnonzero(score == threshold))
    else:
        candidates = np.arange(len(score))
    return candidates[np.lexsort((candidates, -score[candidates]))][:depth]
