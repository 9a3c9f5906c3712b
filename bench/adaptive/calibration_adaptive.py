"""Calibration from answers collected by adaptive tests, beside the random design.

Same bank, examinees and fit as `calibration_recovery` (a ~ lognormal(0, 0.3) clipped to
[0.3, 2.5], b ~ N(0, 1.2) clipped to [-4, 4], abilities N(0, 1), `calibrate` with its default
priors, then a second fit with `empirical_priors`, as `calibrate_pooled` does), but each examinee's items are chosen one at a
time, as the platform serves them:

- the first `--start` items are drawn at random;
- every next item is chosen from the examinee's running EAP estimate (81-point grid of
  `adaptive.estimation`, N(0, 1) prior, or the reference platform's re-centred, capped prior with
  `--estimator reference`), computed from their answers so far with the *working* item parameters:
  the generating ones perturbed (b + N(0, 0.3), a * lognormal(0, 0.2)), as a previous, imperfect
  calibration would give them. The true ability is never looked at to choose an item;
- exposure is balanced by a quota: an item is served only while it has fewer answers than
  answers / items (400 in the acceptance design), times `--quota-factor` (1 by default). Examinees arrive in cohorts (`--cohort`) that
  take their tests side by side, so the quotas fill up as examinees are processed; an examinee
  who has already answered every item still open gets, exceptionally, an item past its quota;
- the answers are drawn from the true parameters and the true ability;
- with `--recalibrations K`, the platform recalibrates K times while collecting, evenly spread
  over the examinees: selection then uses the latest calibration's parameters.

Selection rules (`--designs`, each `rule-k`: the next item is drawn at random among the k best
open items for the rule; k = 1 takes the best):

- random: the control, as `simulate_answers` (without quotas): the random design;
- nearest: working difficulty nearest the estimate (P near 0.5: the most information on b and on
  the ability, almost none on a, whose information grows with (theta - b)^2);
- info: largest working Fisher information a^2 P (1 - P) at the estimate;
- offset: |a (estimate - b)| nearest `--offset` (1.54 puts P at 0.18 or 0.82, the D-optimal
  two-point design for one 2PL item with known abilities);
- dopt / aopt / eaopt: sequential optimal design for the items (`adaptive.calibration_design`).
  Each item accumulates the information matrix on (a, b) of the answers it got (working
  parameters, at the estimate of the examinee at the time), starting from the calibration priors;
  an examinee gets the item whose matrix gains most: largest relative increase of the determinant
  (dopt), or largest decrease of the trace of its inverse, the sum of the variances of a and b
  (aopt), or that decrease averaged over the examinee's posterior rather than taken at its mean
  (eaopt).

Why this missingness is ignorable: which item a person answers depends only on their own earlier
observed answers, on other examinees' observed answers (through the quotas and the dopt / aopt
matrices), on working parameters fixed beforehand, and on independent random draws; never on an
unobserved answer or on the true ability. The answers are then missing at random, the parameters
of the selection and of the model are distinct, so the likelihood of the observed answers (what
MML maximises, the N(0, 1) population being the true one) is the full likelihood up to a factor
free of the parameters (Rubin, 1976; Mislevy & Wu, 1996). Standard errors must then come from the
observed information, as `calibrate` does, not from the expected one.

For each fit it prints RMSE of a and b, the root mean reported SE, their ratio, the spread of the
answers per item and the fitting time, and the Cramer-Rao bound of the realised design with
abilities known (the best any estimator without a prior could do on those very answers).

Run from the repository root (one process; simulation takes seconds, each fit 1-4 s):
    python -m bench.adaptive.calibration_adaptive --seeds 1 2 3
    python -m bench.adaptive.calibration_adaptive --designs random aopt-1 --per-person 32 --persons 6250
    python -m bench.adaptive.calibration_adaptive --designs eaopt-1 --per-person 32 --persons 6250
    python -m bench.adaptive.calibration_adaptive --designs nearest-10 --working true
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

import numpy as np

from adaptive import estimation, irt
from adaptive.calibration import calibrate, empirical_priors, simulate_answers
from adaptive.calibration_design import ItemInformation
from bench.adaptive.calibration_recovery import design_parser, rmse, synthetic_bank

RULES = ("random", "nearest", "info", "offset", "dopt", "aopt", "eaopt")
D_OPTIMAL_OFFSET = 1.543  # a |theta - b| of the two-point D-optimal design: P = 0.176 or 0.824


@dataclass(frozen=True)
class Design:
    rule: str
    k: int

    @property
    def label(self) -> str:
        return "random (no quota)" if self.rule == "random" else f"{self.rule}, k={self.k}"


@dataclass(frozen=True)
class Selection:
    """How the platform picks: working parameters, estimator, rule settings, cohort size."""

    working_a: np.ndarray
    working_b: np.ndarray
    estimator: str  # "eap" (N(0, 1) prior) or "reference"
    start: int
    offset: float
    cohort: int
    quota_factor: float = 1.0  # an item's quota: this times the mean answers per item
    # The platform recalibrates this many times while collecting (0: never), evenly spread over
    # the examinees: the working parameters become the latest calibration's.
    recalibrations: int = 0


def parse_design(text: str) -> Design:
    rule, _, k = text.partition("-")
    if rule not in RULES:
        raise argparse.ArgumentTypeError(f"unknown rule {rule!r}; choose among {', '.join(RULES)}")
    return Design(rule, int(k) if k else 1)


def working_parameters(a, b, a_noise: float, b_noise: float, rng: np.random.Generator):
    """The parameters the platform selects with: the true ones seen through a noisy calibration."""
    working_a = np.clip(a * rng.lognormal(0.0, a_noise, len(a)), 0.2, 4.0)
    return working_a, b + rng.normal(0.0, b_noise, len(b))


# --- adaptive collection --------------------------------------------------------------------


def _scores(
    design: Design, theta, spread, a, b, selection: Selection, information, rng
) -> np.ndarray:
    """Lower is better, one row per examinee, one column per item (a, b: working parameters)."""
    if design.rule == "nearest":
        return np.abs(theta[:, None] - b[None, :])
    if design.rule == "info":
        return -irt.information(theta[:, None], a[None, :], b[None, :])
    if design.rule == "offset":
        return np.abs(a[None, :] * np.abs(theta[:, None] - b[None, :]) - selection.offset)
    if design.rule in ("dopt", "aopt"):
        return -information.gains(theta, design.rule)
    if design.rule == "eaopt":  # aopt's gain averaged over the examinee's posterior
        return -information.expected_gains(theta, spread, "aopt")
    return rng.random((len(theta), len(b)))


def _pick(scores, k: int, rng) -> np.ndarray:
    """For each row, one column drawn at random among its k lowest finite scores."""
    n_rows, n_columns = scores.shape
    k = min(k, n_columns)
    # A tiny random jitter breaks ties at random instead of in item order.
    scores = scores + 1e-9 * rng.random(scores.shape)
    best = np.argpartition(scores, k - 1, axis=1)[:, :k] if k < n_columns else np.tile(
        np.arange(n_columns), (n_rows, 1)
    )
    finite = np.isfinite(np.take_along_axis(scores, best, axis=1))
    # Draw among the finite candidates only: random keys, +inf for the others.
    keys = np.where(finite, rng.random(best.shape), np.inf)
    return best[np.arange(n_rows), np.argmin(keys, axis=1)]


def _spreads(log_likelihood, means) -> np.ndarray:
    """Posterior standard deviation of each examinee (N(0, 1) prior), around their estimate."""
    log_density = log_likelihood + estimation.normal_log_prior(0.0, 1.0)
    weights = np.exp(log_density - log_density.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return np.sqrt(np.maximum(weights @ np.square(estimation.GRID) - means**2, 0.0))


def _estimates(log_likelihood, previous, estimator: str) -> np.ndarray:
    """Running ability estimate of each examinee (rows of log-likelihood over the EAP grid)."""
    grid = estimation.GRID
    if estimator == "eap":
        log_density = log_likelihood + estimation.normal_log_prior(0.0, 1.0)
        weights = np.exp(log_density - log_density.max(axis=1, keepdims=True))
        return weights @ grid / weights.sum(axis=1)
    # The reference platform: prior N(previous, 1.5) re-centred at every answer, move capped.
    log_density = log_likelihood - np.square(grid[None, :] - previous[:, None]) * (
        0.5 / estimation.REFERENCE_PRIOR_VARIANCE
    )
    weights = np.exp(log_density - log_density.max(axis=1, keepdims=True))
    raw = weights @ grid / weights.sum(axis=1)
    gap = np.where(np.abs(previous) < 0.5, 0.5, np.abs(previous * 0.5))
    return np.clip(raw, previous - gap, previous + gap)


def simulate_adaptive(
    a, b, abilities, per_person: int, design: Design, selection: Selection, rng
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adaptive tests with quotas; returns (person_index, item_index, correct) triplets."""
    n_persons, n_items = len(abilities), len(b)
    quota = int(np.ceil(selection.quota_factor * n_persons * per_person / n_items))
    counts = np.zeros(n_items, dtype=np.int64)
    working_a, working_b = selection.working_a, selection.working_b
    log_right, log_wrong = irt.log_probability_tables(working_a, working_b, estimation.GRID)
    information = ItemInformation(working_a, working_b)
    start_estimate = 0.0 if selection.estimator == "eap" else -3.0
    persons, items, answers, estimates = [], [], [], []
    # After these many examinees (the first cohort past each mark).
    recalibrate_at = list(np.linspace(0, n_persons, selection.recalibrations + 2)[1:-1])
    latest = None
    for first in range(0, n_persons, selection.cohort):
        if recalibrate_at and first >= recalibrate_at[0]:
            recalibrate_at.pop(0)
            # A new calibration version from the answers so far: select with its parameters,
            # and recount each item's information with them.
            collected = (np.concatenate(persons), np.concatenate(items), np.concatenate(answers))
            latest = calibrate(*collected, n_items, previous=latest)
            answered = latest.n_responses > 0
            working_a = np.where(answered, latest.discrimination, working_a)
            working_b = np.where(answered, latest.difficulty, working_b)
            log_right, log_wrong = irt.log_probability_tables(working_a, working_b, estimation.GRID)
            information = ItemInformation(working_a, working_b)
            information.add(np.concatenate(estimates), collected[1])
        cohort = np.arange(first, min(first + selection.cohort, n_persons))
        n = len(cohort)
        taken = np.zeros((n, n_items), dtype=bool)
        log_likelihood = np.zeros((n, len(estimation.GRID)))
        theta = np.full(n, start_estimate)
        for step in range(per_person):
            if step < selection.start:
                scores = rng.random((n, n_items))
            else:
                scores = _scores(
                    design, theta, _spreads(log_likelihood, theta), working_a, working_b,
                    selection, information, rng,
                )
            chosen = _assign(scores, taken, counts, quota, design.k, rng)
            correct = rng.random(n) < irt.probability(abilities[cohort], a[chosen], b[chosen])
            counts += np.bincount(chosen, minlength=n_items)
            taken[np.arange(n), chosen] = True
            information.add(theta, chosen)
            estimates.append(theta)
            log_likelihood += np.where(correct[:, None], log_right[chosen], log_wrong[chosen])
            theta = _estimates(log_likelihood, theta, selection.estimator)
            persons.append(cohort)
            items.append(chosen)
            answers.append(correct)
    return np.concatenate(persons), np.concatenate(items), np.concatenate(answers)


def _assign(scores, taken, counts, quota: int, k: int, rng) -> np.ndarray:
    """One open item per examinee, never more takers than an item's remaining quota.

    Examinees who pick the same nearly full item are served in random order; those turned away
    pick again without it. An examinee with no open item left takes one past its quota.
    """
    n = len(scores)
    closed = taken | (counts >= quota)[None, :]
    overflow = closed.all(axis=1)  # nothing open they have not answered: quota waived
    closed[overflow] = taken[overflow]
    scores = np.where(closed, np.inf, scores)
    chosen = np.full(n, -1)
    pending = np.arange(n)
    remaining = quota - counts
    while len(pending):
        picks = _pick(scores[pending], k, rng)
        order = rng.permutation(len(pending))
        ranked = np.empty(len(pending), dtype=np.int64)
        # Rank of each examinee among those picking the same item, in the random order.
        by_item = order[np.argsort(picks[order], kind="stable")]
        sorted_picks = picks[by_item]
        run_starts = np.flatnonzero(np.r_[True, sorted_picks[1:] != sorted_picks[:-1]])
        run_of = np.repeat(run_starts, np.diff(np.r_[run_starts, len(by_item)]))
        ranked[by_item] = np.arange(len(by_item)) - run_of
        accepted = (ranked < remaining[picks]) | overflow[pending]
        chosen[pending[accepted]] = picks[accepted]
        remaining -= np.bincount(picks[accepted], minlength=len(remaining))
        turned_away = pending[~accepted]
        scores[turned_away, picks[~accepted]] = np.inf
        stuck = np.isinf(scores[turned_away]).all(axis=1)
        if stuck.any():  # every open item filled meanwhile: waive the quota for them
            rows = turned_away[stuck]
            scores[rows] = np.where(taken[rows], np.inf, 0.0)
            overflow[rows] = True
        pending = turned_away
    return chosen


# --- measurement ----------------------------------------------------------------------------


def design_bound(a, b, abilities, persons, items) -> tuple[float, float]:
    """Root mean Cramer-Rao variance of (a, b) per item on these answers, abilities known."""
    distance = abilities[persons] - b[items]
    p = 1.0 / (1.0 + np.exp(-a[items] * distance))
    w = p * (1.0 - p)

    def per_item(values):
        return np.bincount(items, weights=values, minlength=len(a))

    info_aa, info_bb = per_item(w * distance**2), a**2 * per_item(w)
    info_ab = -a * per_item(w * distance)
    determinant = info_aa * info_bb - info_ab**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sqrt(np.mean(info_bb / determinant))), float(
            np.sqrt(np.mean(info_aa / determinant))
        )


@dataclass(frozen=True)
class Measure:
    rmse_a: float
    rmse_b: float
    se_a: float
    se_b: float
    min_answers: int
    mean_answers: float
    max_answers: int
    seconds: float
    bound_a: float
    bound_b: float
    rmse_b_extreme: float  # items with |b| > 2

    def cells(self) -> str:
        return (
            f"{self.rmse_a:.3f} | {self.rmse_b:.3f} | {self.se_a:.3f} / {self.se_b:.3f} "
            f"| {self.rmse_a / self.se_a:.2f} / {self.rmse_b / self.se_b:.2f} "
            f"| {self.min_answers} / {self.mean_answers:.0f} / {self.max_answers} "
            f"| {self.seconds:.2f} | {self.bound_a:.3f} / {self.bound_b:.3f} "
            f"| {self.rmse_b_extreme:.3f} |"
        )


def measure(result, a, b, seconds, bound) -> Measure:
    extreme = np.abs(b) > 2.0
    return Measure(
        rmse_a=rmse(result.discrimination, a),
        rmse_b=rmse(result.difficulty, b),
        se_a=float(np.sqrt(np.nanmean(result.discrimination_se**2))),
        se_b=float(np.sqrt(np.nanmean(result.difficulty_se**2))),
        min_answers=int(result.n_responses.min()),
        mean_answers=float(result.n_responses.mean()),
        max_answers=int(result.n_responses.max()),
        seconds=seconds,
        bound_a=bound[0],
        bound_b=bound[1],
        rmse_b_extreme=rmse(result.difficulty[extreme], b[extreme]) if extreme.any() else np.nan,
    )


def mean_measure(rows: list[Measure]) -> Measure:
    """Means over seeds; the smallest minimum and largest maximum of answers per item."""
    means = {name: float(np.mean([getattr(row, name) for row in rows])) for name in vars(rows[0])}
    means["min_answers"] = min(row.min_answers for row in rows)
    means["max_answers"] = max(row.max_answers for row in rows)
    return Measure(**means)


def fit_both(answers, a, b, abilities) -> dict[str, Measure]:
    bound = design_bound(a, b, abilities, answers[0], answers[1])
    started = time.perf_counter()
    first = calibrate(*answers, len(a))
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = calibrate(*answers, len(a), priors=empirical_priors(first), previous=first)
    both_seconds = time.perf_counter() - started + first_seconds
    return {
        "default priors": measure(first, a, b, first_seconds, bound),
        "empirical priors": measure(second, a, b, both_seconds, bound),
    }


HEADER = (
    "| {first} | RMSE a | RMSE b | mean SE a / b | error / SE a / b | answers per item min / mean "
    "/ max | time per fit (s) | bound a / b (abilities known) | RMSE b, abs(b) > 2 |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def run(arguments) -> None:
    items, persons, per_person = arguments.items, arguments.persons, arguments.per_person
    print(
        f"{persons * per_person:,} answers over {items} items ({persons:,} examinees x "
        f"{per_person}); working parameters: {arguments.working}"
        + (
            f" (b + N(0, {arguments.b_noise}), a x lognormal(0, {arguments.a_noise}))"
            if arguments.working == "noisy"
            else ""
        )
        + f"; estimator {arguments.estimator}; {arguments.start} random items first; cohorts of "
        f"{arguments.cohort}; quota {arguments.quota_factor:g} x the mean answers per item; "
        f"{arguments.recalibrations} recalibrations while collecting\n"
    )
    print(HEADER.format(first="design, seed, fit"))
    results: dict[tuple[str, str], list[Measure]] = {}
    for seed in arguments.seeds:
        rng = np.random.default_rng(seed)  # the bank and abilities of calibration_recovery
        a, b = synthetic_bank(items, rng)
        abilities = rng.normal(0.0, 1.0, persons)
        working_rng = np.random.default_rng([seed, 1])
        if arguments.working == "noisy":
            working_a, working_b = working_parameters(
                a, b, arguments.a_noise, arguments.b_noise, working_rng
            )
        else:
            working_a, working_b = a.copy(), b.copy()
        selection = Selection(
            working_a, working_b, arguments.estimator, arguments.start, arguments.offset,
            arguments.cohort, arguments.quota_factor, arguments.recalibrations,
        )
        for design in arguments.designs:
            started = time.perf_counter()
            if design.rule == "random":  # the very answers of calibration_recovery
                answers = simulate_answers(a, b, abilities, per_person, rng)
            else:
                answers = simulate_adaptive(
                    a, b, abilities, per_person, design, selection, np.random.default_rng([seed, 3])
                )
            simulated = time.perf_counter() - started
            for fit, result in fit_both(answers, a, b, abilities).items():
                results.setdefault((design.label, fit), []).append(result)
                print(f"| {design.label}, {seed}, {fit} | {result.cells()}", flush=True)
            print(f"<!-- simulation of {design.label}, seed {seed}: {simulated:.1f} s -->")
    print(f"\nMeans over seeds {', '.join(map(str, arguments.seeds))}:\n")
    print(HEADER.format(first="design, fit"))
    for (label, fit), rows in results.items():
        print(f"| {label}, {fit} | {mean_measure(rows).cells()}")


def main() -> None:
    parser = design_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--designs", type=parse_design, nargs="+",
        default=[
            parse_design(text)
            for text in ("random", "nearest-10", "dopt-1", "aopt-1", "aopt-3", "eaopt-1")
        ],
        help="rule-k among " + ", ".join(RULES),
    )
    parser.add_argument("--working", choices=("noisy", "true"), default="noisy")
    parser.add_argument("--a-noise", type=float, default=0.2, help="sd of log a noise")
    parser.add_argument("--b-noise", type=float, default=0.3)
    parser.add_argument("--estimator", choices=("eap", "reference"), default="eap")
    parser.add_argument("--start", type=int, default=3, help="random items before adapting")
    parser.add_argument("--offset", type=float, default=D_OPTIMAL_OFFSET)
    parser.add_argument("--cohort", type=int, default=100, help="examinees testing side by side")
    parser.add_argument(
        "--recalibrations", type=int, default=0,
        help="calibrations run while collecting; each gives the working parameters that follow",
    )
    parser.add_argument(
        "--quota-factor", type=float, default=1.0,
        help="an item's quota, in mean answers per item (1: balanced; larger lets the rule decide)",
    )
    run(parser.parse_args())


if __name__ == "__main__":
    main()
