"""Which item an examinee should answer so that the calibration learns most: sequential optimal
design for the 2PL parameters of the items, the other side of the adaptive test.

A test picks the item that tells most about the examinee; calibration wants the answer that tells
most about the item. Each item keeps the information matrix on (a, b) of the answers it has
received, computed with working parameters (the calibration in force) at the estimate the
examinee had when answering, and starting from the calibration priors:

    M = prior precision + sum over answers of P (1 - P) v v^T,   v = (theta - b, -a)

The variances of a and b are the diagonal of M^-1. One more answer at theta lowers their sum by
w u.u / (1 + w v.u), with w = P (1 - P) and u = M^-1 v (Sherman-Morrison): the A-optimal gain.
The D-optimal gain, the log of the determinant's growth, is log(1 + w v.u).

An examinee's ability is known only as a posterior; `expected_gains` averages the gain over it
(Gauss-Hermite nodes of N(estimate, spread^2)), so an item whose value depends on exactly where the
examinee stands is not over-rated on a vague estimate.

Why answers collected this way can be calibrated like any others: which item a person answers
depends only on their earlier observed answers, other examinees' observed answers, working
parameters fixed beforehand and independent draws; never on an unobserved answer. The answers are
missing at random and the marginal likelihood of the observed ones is the right one (Rubin, 1976;
Mislevy & Wu, 1996); standard errors must come from the observed information, as `calibrate` does.
"""

from __future__ import annotations

import numpy as np

from adaptive.calibration import Priors

POSTERIOR_NODES = 7


class ItemInformation:
    """Accumulated information matrix on (a, b) of every item of a bank.

    a, b: working parameters (arrays over the items). The prior precision is that of `Priors`:
    log a ~ N(., s) is, locally, a ~ N(a, (s a)^2); b ~ N(., s_b).
    """

    def __init__(self, discrimination, difficulty, priors: Priors | None = None):
        priors = priors or Priors()
        self.a = np.asarray(discrimination, dtype=np.float64)
        self.b = np.asarray(difficulty, dtype=np.float64)
        self.m11 = 1.0 / (priors.log_discrimination_sd * self.a) ** 2
        self.m12 = np.zeros_like(self.a)
        self.m22 = np.full_like(self.a, 1.0 / priors.difficulty_sd**2)

    def variances(self) -> tuple[np.ndarray, np.ndarray]:
        """Approximate variances of a and of b of each item: the diagonal of M^-1."""
        determinant = self.m11 * self.m22 - self.m12**2
        return self.m22 / determinant, self.m11 / determinant

    def add(self, thetas, items) -> None:
        """Record answers: examinee estimate and item of each (repeats allowed)."""
        items = np.asarray(items, dtype=np.intp)
        distance = np.asarray(thetas, dtype=np.float64) - self.b[items]
        p = 1.0 / (1.0 + np.exp(-self.a[items] * distance))
        w = p * (1.0 - p)
        np.add.at(self.m11, items, w * distance**2)
        np.add.at(self.m12, items, -w * distance * self.a[items])
        np.add.at(self.m22, items, w * self.a[items] ** 2)

    def gains(self, thetas, criterion: str = "aopt") -> np.ndarray:
        """Gain of one answer by each examinee (rows: their ability) to each item (columns)."""
        if criterion not in ("aopt", "dopt"):
            raise ValueError(f"unknown criterion {criterion!r}")
        thetas = np.asarray(thetas, dtype=np.float64).reshape(-1)
        distance = thetas[:, None] - self.b[None, :]
        p = 1.0 / (1.0 + np.exp(-self.a[None, :] * distance))
        w = p * (1.0 - p)
        v2 = -self.a[None, :]
        determinant = self.m11 * self.m22 - self.m12**2
        u1 = (self.m22 * distance - self.m12 * v2) / determinant
        u2 = (self.m11 * v2 - self.m12 * distance) / determinant
        quadratic = w * (distance * u1 + v2 * u2)
        if criterion == "dopt":
            return np.log1p(quadratic)
        return w * (u1**2 + u2**2) / (1.0 + quadratic)

    def expected_gains(self, estimates, spreads, criterion: str = "aopt") -> np.ndarray:
        """`gains` averaged over each examinee's posterior, taken as N(estimate, spread^2)."""
        estimates = np.asarray(estimates, dtype=np.float64).reshape(-1)
        spreads = np.broadcast_to(np.asarray(spreads, dtype=np.float64), estimates.shape)
        nodes, weights = np.polynomial.hermite_e.hermegauss(POSTERIOR_NODES)
        weights = weights / weights.sum()
        total = np.zeros((len(estimates), len(self.b)))
        for node, weight in zip(nodes, weights):
            total += weight * self.gains(estimates + spreads * node, criterion)
        return total
