"""Parameter recovery of the 2PL calibration on simulated answers.

A synthetic bank (a ~ lognormal(0, 0.3) clipped to [0.3, 2.5], b ~ N(0, 1.2) clipped to [-4, 4]),
examinees of ability N(0, 1), each answering random distinct items. For each seed it prints the
RMSE and bias of a and b, the mean reported standard error, the iterations and the fitting time,
for the default priors and for a second fit with empirical priors; then the Cramer-Rao bound with
abilities known, the best any estimator without a prior could do on the same design.

Run from the repository root:
    python -m bench.adaptive.calibration_recovery                       # the acceptance design
    python -m bench.adaptive.calibration_recovery --persons 25000       # 1,000 answers per item
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from adaptive.calibration import calibrate, empirical_priors, simulate_answers


def synthetic_bank(n_items: int, rng: np.random.Generator):
    discrimination = np.clip(rng.lognormal(0.0, 0.3, n_items), 0.3, 2.5)
    difficulty = np.clip(rng.normal(0.0, 1.2, n_items), -4.0, 4.0)
    return discrimination, difficulty


def known_ability_bound(discrimination, difficulty, answers_per_item: float) -> tuple[float, float]:
    """Root mean Cramer-Rao variance of (a, b) per item if every examinee's ability were known."""
    thetas = np.linspace(-6, 6, 241)
    weights = np.exp(-0.5 * thetas**2)
    weights /= weights.sum()
    distance = thetas[None, :] - difficulty[:, None]
    p = 1.0 / (1.0 + np.exp(-discrimination[:, None] * distance))
    curvature = answers_per_item * weights * p * (1.0 - p)
    info_aa = (curvature * distance**2).sum(1)
    info_bb = discrimination**2 * curvature.sum(1)
    info_ab = -discrimination * (curvature * distance).sum(1)
    determinant = info_aa * info_bb - info_ab**2
    return float(np.sqrt(np.mean(info_bb / determinant))), float(
        np.sqrt(np.mean(info_aa / determinant))
    )


def rmse(estimate, truth) -> float:
    return float(np.sqrt(np.mean((estimate - truth) ** 2)))


def recovery_row(label, result, discrimination, difficulty, seconds) -> str:
    return (
        f"| {label} | {rmse(result.discrimination, discrimination):.3f} "
        f"| {rmse(result.difficulty, difficulty):.3f} "
        f"| {np.mean(result.discrimination - discrimination):+.3f} "
        f"| {np.mean(result.difficulty - difficulty):+.3f} "
        f"| {np.sqrt(np.mean(result.discrimination_se**2)):.3f} "
        f"| {np.sqrt(np.mean(result.difficulty_se**2)):.3f} "
        f"| {result.iterations} | {seconds:.2f} |"
    )


def run(items: int, persons: int, per_person: int, seeds: list[int]) -> None:
    responses = persons * per_person
    print(
        f"{responses:,} answers over {items} items ({persons:,} examinees x {per_person} random "
        f"items, {responses / items:.0f} answers per item)\n"
    )
    print(
        "| seed, fit | RMSE a | RMSE b | bias a | bias b | mean SE a | mean SE b | EM iterations | time (s) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    totals = {"default priors": [], "empirical priors": []}
    bounds = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        discrimination, difficulty = synthetic_bank(items, rng)
        answers = simulate_answers(
            discrimination, difficulty, rng.normal(0.0, 1.0, persons), per_person, rng
        )
        started = time.perf_counter()
        first = calibrate(*answers, items)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = calibrate(*answers, items, priors=empirical_priors(first), previous=first)
        second_seconds = time.perf_counter() - started + first_seconds
        for label, result, seconds in (
            ("default priors", first, first_seconds),
            ("empirical priors", second, second_seconds),
        ):
            print(recovery_row(f"{seed}, {label}", result, discrimination, difficulty, seconds))
            totals[label].append(
                (
                    rmse(result.discrimination, discrimination),
                    rmse(result.difficulty, difficulty),
                    seconds,
                )
            )
        bounds.append(known_ability_bound(discrimination, difficulty, responses / items))
    print()
    for label, rows in totals.items():
        a, b, seconds = np.mean(rows, axis=0)
        print(
            f"mean over {len(seeds)} seeds, {label}: RMSE a {a:.3f}, RMSE b {b:.3f}, "
            f"time {seconds:.2f} s"
        )
    a_bound, b_bound = np.mean(bounds, axis=0)
    print(
        f"Cramer-Rao bound with abilities known (no prior): RMSE a >= {a_bound:.3f}, "
        f"RMSE b >= {b_bound:.3f}"
    )


def design_parser(description: str) -> argparse.ArgumentParser:
    """The options both calibration benchmarks share: bank size, examinees, answers, seeds."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--per-person", type=int, default=20)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    return parser


def main() -> None:
    arguments = design_parser(__doc__.splitlines()[0]).parse_args()
    run(arguments.items, arguments.persons, arguments.per_person, arguments.seeds)


if __name__ == "__main__":
    main()
