"""Our engine beside an independent straightforward CAT and beside catsim, on the same bank,
the same examinees and the same answer draws.

- straightforward: written here from the textbook, sharing no code with `adaptive`: EAP with a
  N(0, 1) prior recomputed on a 241-point grid over [-6, 6], the next item the unused one of
  maximum Fisher information at the exact estimate (a full scan of the bank).
- catsim (https://github.com/douglasrizzo/catsim, a benchmark-only dependency): MaxInfoSelector and
  NumericalSearchEstimator (maximum likelihood, Dodd's heuristic while all answers agree), started
  at 0; with r_max = 1 (no exposure control) and r_max = 0.25 (items whose running exposure, counted
  over all the examinees, reaches 0.25 are skipped: catsim's own simulator keeps those counts).
- ours: `CatEngine` with the textbook, production and reference settings.

Examinee e answers question k right when draws[e, k] < P(ability_e, item), whichever item each
implementation chose. Time per question: select + estimate, perf_counter_ns around those calls
only. catsim is slow on 10,000 items: `--catsim-examinees` runs it on the first examinees only.

Run from the repository root:
    python -m bench.adaptive.cat_comparison --seeds 1 2 3
    python -m bench.adaptive.cat_comparison --items 10000 --seeds 1 --catsim-examinees 200
"""

import argparse
import math
import time

import numpy as np

from adaptive import exposure, simulate
from adaptive.bank import synthetic_bank
from adaptive.cat import CatEngine

LENGTH = 32


def straightforward_cat(a, b, ability, draws) -> tuple[float, list[int], list[int]]:
    """Textbook maximum-information CAT with EAP; returns estimate, items and step times (ns)."""
    grid = np.linspace(-6.0, 6.0, 241)
    log_posterior = -0.5 * grid**2
    theta, used, items, times = 0.0, np.zeros(len(a), bool), [], []
    for draw in draws:
        started = time.perf_counter_ns()
        p = 1.0 / (1.0 + np.exp(a * (b - theta)))
        information = np.where(used, -np.inf, a * a * p * (1.0 - p))
        item = int(np.argmax(information))
        selected = time.perf_counter_ns()
        correct = draw < 1.0 / (1.0 + math.exp(a[item] * (b[item] - ability)))
        answered = time.perf_counter_ns()
        p_grid = 1.0 / (1.0 + np.exp(a[item] * (b[item] - grid)))
        log_posterior += np.log(p_grid if correct else 1.0 - p_grid)
        weights = np.exp(log_posterior - log_posterior.max())
        theta = float(weights @ grid / weights.sum())
        used[item] = True
        items.append(item)
        times.append(selected - started + time.perf_counter_ns() - answered)
    return theta, items, times


def catsim_cat(item_bank, selector, estimator, a, b, ability, draws, counts, examinees):
    theta, items, answers, times = 0.0, [], [], []
    for draw in draws:
        started = time.perf_counter_ns()
        item = int(selector.select(item_bank=item_bank, administered_items=items, est_theta=theta))
        selected = time.perf_counter_ns()
        items.append(item)
        answers.append(bool(draw < 1.0 / (1.0 + math.exp(a[item] * (b[item] - ability)))))
        answered = time.perf_counter_ns()
        theta = float(estimator.estimate(
            item_bank=item_bank, administered_items=items, response_vector=answers, est_theta=theta
        ))
        times.append(selected - started + time.perf_counter_ns() - answered)
        counts[item] += 1
        item_bank.update_exposure_rate(item, counts[item] / examinees)
    return theta, items, times


def summary(name, abilities, estimates, tests, times, n_items) -> dict:
    error = np.asarray(estimates) - abilities
    rates = exposure.exposure_rates(tests, n_items)
    times = np.asarray(times) / 1000
    return {
        "name": name, "examinees": len(abilities), "rmse": float(np.sqrt(np.mean(error**2))),
        "bias": float(error.mean()), "max_exposure": float(rates.max()),
        "overlap": exposure.overlap_rate(tests, n_items), "never_used": float((rates == 0).mean()),
        "mean_us": float(times.mean()), "p99_us": float(np.percentile(times, 99)),
    }


def run_straightforward(bank, abilities, draws):
    results = [straightforward_cat(bank.discrimination, bank.difficulty, ability, draws[e])
               for e, ability in enumerate(abilities)]
    estimates, tests, times = zip(*results)
    return summary("straightforward textbook CAT", abilities, estimates, tests, sum(times, []), len(bank))


def run_catsim(bank, abilities, draws, r_max):
    from catsim.estimation import NumericalSearchEstimator
    from catsim.item_bank import ItemBank
    from catsim.selection import MaxInfoSelector

    n = len(bank)  # 4PL columns a, b, c = 0, d = 1; validation only prints
    item_bank = ItemBank(np.column_stack([bank.discrimination, bank.difficulty, np.zeros(n), np.ones(n)]), validate=False)
    selector, estimator = MaxInfoSelector(r_max=r_max), NumericalSearchEstimator()
    counts = np.zeros(len(bank), int)
    results = [catsim_cat(item_bank, selector, estimator, bank.discrimination, bank.difficulty,
                          ability, draws[e], counts, len(abilities))
               for e, ability in enumerate(abilities)]
    estimates, tests, times = zip(*results)
    return summary(f"catsim max-info, ML, r_max={r_max:g}", abilities, estimates, tests,
                   sum(times, []), len(bank))


def run_ours(bank, abilities, seed, setting):
    engine = CatEngine.from_bank(bank, simulate.SETTINGS[setting](length=LENGTH))
    run = simulate.run_tests(engine, abilities, seed, counted=setting in simulate.COUNTED_SETTINGS)
    return summary(f"ours, {setting}", abilities, run.estimates, run.tests, run.step_ns, len(bank))


def print_row(seed, result):
    print(f"| {seed} | {result['name']} | {result['examinees']} | {result['rmse']:.4f} | "
          f"{result['bias']:+.4f} | {result['max_exposure']:.3f} | {result['overlap']:.3f} | "
          f"{result['never_used']:.1%} | {result['mean_us']:.1f} | {result['p99_us']:.1f} |", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--examinees", type=int, default=2000)
    parser.add_argument("--catsim-examinees", type=int, default=None, help="catsim on the first N examinees only")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--skip-catsim", action="store_true")
    arguments = parser.parse_args(argv)

    print("| seed | implementation | examinees | RMSE | bias | max exposure | overlap | never used | µs/question mean | p99 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for seed in arguments.seeds:
        bank = synthetic_bank(arguments.items, 16, seed=seed)
        abilities = simulate.draw_abilities(seed, arguments.examinees)
        draws = simulate.response_draws(seed, arguments.examinees, LENGTH)
        for setting in ("textbook", "production", "reference"):
            print_row(seed, run_ours(bank, abilities, seed, setting))
        print_row(seed, run_straightforward(bank, abilities, draws))
        if not arguments.skip_catsim:
            few = arguments.catsim_examinees or arguments.examinees
            for r_max in (1.0, 0.25):
                print_row(seed, run_catsim(bank, abilities[:few], draws[:few], r_max))


if __name__ == "__main__":
    main()
